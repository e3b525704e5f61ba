package com.amazonaws.xray.strategy.sampling;

import com.amazonaws.xray.strategy.sampling.manifest.SamplingRuleManifest;
import com.amazonaws.xray.strategy.sampling.rand.Rand;
import com.amazonaws.xray.strategy.sampling.rand.RandImpl;
import com.amazonaws.xray.strategy.sampling.rule.SamplingRule;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;

/**
 * Samples with the rules of a local sampling-rule file (JSON, version 1 or 2), read once when the
 * strategy is created. Rules are tried in file order against the request's host (version 1: {@code
 * service_name}), HTTP method and URL path, as case-insensitive globs ({@code *}, {@code ?}); the
 * first that matches decides, else the {@code default} rule. A rule samples up to {@code
 * fixed_target} requests per second, then {@code rate} of the rest.
 *
 * <p>Without a file, X-Ray's default rule applies: 1 request per second, then 5%. A file that
 * cannot be read or parsed is logged and replaced by that default; a file that parses but breaks a
 * rule (unsupported {@code version}, no {@code default}, a rule without {@code host}/{@code
 * service_name}, {@code http_method} or {@code url_path}, a negative {@code fixed_target} or {@code
 * rate}…) makes the constructor throw a {@link RuntimeException}. Thread-safe.
 *
 * <pre>{@code
 * AWSXRayRecorderBuilder.standard()
 *     .withSamplingStrategy(
 *         new LocalizedSamplingStrategy(getClass().getResource("/sampling-rules.json")))
 *     .build();
 * }</pre>
 */
public class LocalizedSamplingStrategy implements SamplingStrategy {
  @Nullable private final URL samplingRulesLocation;
  private final boolean forcedSamplingSupport;
  private final List<LocalRule> rules;
  private final LocalRule defaultRule;

  /** Uses X-Ray's default rule; forced sampling is not supported. */
  public LocalizedSamplingStrategy() {
    this(SamplingRuleFiles.DEFAULT_RULES);
  }

  /**
   * Uses the rules at {@code ruleLocation} (X-Ray's default rule when null); forced sampling is not
   * supported.
   */
  public LocalizedSamplingStrategy(@Nullable URL ruleLocation) {
    this(ruleLocation, false);
  }

  /** Uses X-Ray's default rule, with forced sampling as given. */
  public LocalizedSamplingStrategy(boolean forcedSamplingSupport) {
    this(SamplingRuleFiles.DEFAULT_RULES, forcedSamplingSupport);
  }

  /**
   * Uses the rules at {@code ruleLocation} (X-Ray's default rule when null), with forced sampling
   * as given.
   */
  public LocalizedSamplingStrategy(@Nullable URL ruleLocation, boolean forcedSamplingSupport) {
    this(ruleLocation, forcedSamplingSupport, System::nanoTime, new RandImpl());
  }

  /** For tests: with the clock that times reservoirs and the random source for rates. */
  LocalizedSamplingStrategy(
      @Nullable URL ruleLocation,
      boolean forcedSamplingSupport,
      LongSupplier nanoClock,
      Rand rand) {
    this.samplingRulesLocation = ruleLocation;
    this.forcedSamplingSupport = forcedSamplingSupport;
    SamplingRuleManifest manifest = SamplingRuleFiles.load(ruleLocation);
    List<LocalRule> loaded = new ArrayList<>();
    List<SamplingRule> fileRules = manifest.getRules();
    if (fileRules != null) {
      for (SamplingRule rule : fileRules) {
        loaded.add(new LocalRule(rule, nanoClock, rand));
      }
    }
    this.rules = Collections.unmodifiableList(loaded);
    SamplingRule fileDefault = manifest.getDefaultRule();
    this.defaultRule =
        new LocalRule(
            fileDefault == null ? SamplingRuleFiles.xrayDefaultRule() : fileDefault,
            nanoClock,
            rand);
  }

  /** Returns the rule file's location as given, or null when none was. */
  @Nullable
  public URL getSamplingManifestURL() {
    return samplingRulesLocation;
  }

  /**
   * Decides with the first rule that matches the request, else the default rule. The response names
   * no rule, as X-Ray's local rules have no names.
   */
  @Override
  public SamplingResponse shouldTrace(SamplingRequest samplingRequest) {
    for (LocalRule rule : rules) {
      if (rule.appliesTo(samplingRequest)) {
        return new SamplingResponse(rule.sample());
      }
    }
    return new SamplingResponse(defaultRule.sample());
  }

  @Override
  public boolean isForcedSamplingSupported() {
    return forcedSamplingSupport;
  }

  @Override
  public String toString() {
    return "LocalizedSamplingStrategy{rules="
        + samplingRulesLocation
        + ", forcedSamplingSupport="
        + forcedSamplingSupport
        + "}";
  }
}

package com.amazonaws.xray.strategy.sampling;

import com.amazonaws.xray.strategy.sampling.manifest.SamplingRuleManifest;
import com.amazonaws.xray.strategy.sampling.rule.SamplingRule;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.xray.AppJackson;
import dev.tracekit.compat.xray.JacksonNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Reads and validates local sampling-rule files (versions 1 and 2), as the X-Ray SDK does: a file
 * that cannot be read or parsed is replaced by X-Ray's default rules, with a log line; a file that
 * parses but breaks a rule makes {@link #load} throw a {@link RuntimeException} saying which.
 */
final class SamplingRuleFiles {
  /** The rules used when none are given: X-Ray's default rule, 1 trace per second and 5%. */
  static final URL DEFAULT_RULES = SamplingRuleFiles.class.getResource("DefaultSamplingRules.json");

  // Not throttled: one record per strategy created, which happens while the app configures itself.
  private static final Logger LOGGER = Logger.getLogger(LocalizedSamplingStrategy.class.getName());
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final String INVALID = "Invalid sampling rule manifest provided. ";

  private SamplingRuleFiles() {}

  /** The rules mapper, made on first use: an app's Jackson that cannot link fails there. */
  private static final class RulesJson {
    // Comments and unknown fields are allowed, as X-Ray's own example files have them.
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .configure(JsonParser.Feature.ALLOW_COMMENTS, true)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setPropertyNamingStrategy(JacksonNames.SNAKE_CASE)
            .addMixIn(SamplingRuleManifest.class, ManifestJson.class);
  }

  /**
   * Returns the validated rules of the file at {@code location}, or X-Ray's default rules when
   * {@code location} is null or cannot be read or parsed. In version 1 files a rule's {@code
   * service_name} becomes its host pattern.
   *
   * @throws RuntimeException when the file parses but is not a valid rule file
   */
  static SamplingRuleManifest load(@Nullable URL location) {
    SamplingRuleManifest manifest = null;
    String problem = "no location given";
    if (location != null) {
      try {
        manifest = read(location);
        problem = "it holds only null";
      } catch (IOException | RuntimeException e) {
        problem = e.toString();
      }
    }
    if (manifest == null) {
      LOGGER.log(
          Level.SEVERE,
          "Could not read the sampling rules at "
              + location
              + " ("
              + problem
              + "); using X-Ray's default rule (1 trace per second, then 5%) instead.");
      manifest = defaults();
    }
    validate(manifest);
    return manifest;
  }

  /** Returns the parsed file, or null when it holds only a JSON null. */
  @Nullable
  private static SamplingRuleManifest read(URL location) throws IOException {
    URLConnection connection = location.openConnection();
    connection.setConnectTimeout(TIMEOUT_MILLIS);
    connection.setReadTimeout(TIMEOUT_MILLIS);
    try (InputStream in = connection.getInputStream()) {
      return AppJackson.use(() -> RulesJson.MAPPER.readValue(in, SamplingRuleManifest.class));
    }
  }

  private static SamplingRuleManifest defaults() {
    try {
      SamplingRuleManifest manifest = read(DEFAULT_RULES);
      if (manifest != null) {
        return manifest;
      }
    } catch (IOException | RuntimeException e) {
      // Only a broken build loses the resource; the same rule in code follows.
    }
    SamplingRuleManifest manifest = new SamplingRuleManifest();
    manifest.setVersion(2);
    manifest.setRules(Collections.<SamplingRule>emptyList());
    manifest.setDefaultRule(xrayDefaultRule());
    return manifest;
  }

  /** Returns X-Ray's default rule: 1 request per second, then 5%. */
  static SamplingRule xrayDefaultRule() {
    return new SamplingRule(null, null, null, null, 1, 0.05f);
  }

  private static void validate(SamplingRuleManifest manifest) {
    int version = manifest.getVersion();
    if (version != 1 && version != 2) {
      throw invalid("Manifest version: " + version + " is not supported.");
    }
    SamplingRule defaultRule = manifest.getDefaultRule();
    if (defaultRule == null) {
      throw invalid("A default rule must be provided.");
    }
    if (defaultRule.getUrlPath() != null
        || defaultRule.getHost() != null
        || defaultRule.getHttpMethod() != null) {
      throw invalid("The default rule must not specify values for url_path, host, or http_method.");
    }
    if (defaultRule.getFixedTarget() < 0 || defaultRule.getRate() < 0) {
      throw invalid("The default rule must specify non-negative values for fixed_target and rate.");
    }
    List<SamplingRule> rules =
        manifest.getRules() == null ? new ArrayList<SamplingRule>() : manifest.getRules();
    for (SamplingRule rule : rules) {
      if (rule != null && version == 1) {
        rule.setHost(rule.getServiceName());
      }
      if (rule == null
          || rule.getUrlPath() == null
          || rule.getHost() == null
          || rule.getHttpMethod() == null) {
        throw invalid("All rules must have values for url_path, host, and http_method.");
      }
      if (rule.getFixedTarget() < 0 || rule.getRate() < 0) {
        throw invalid("All rules must have non-negative values for fixed_target and rate.");
      }
    }
    manifest.setRules(rules);
  }

  private static RuntimeException invalid(String reason) {
    return new RuntimeException(INVALID + reason);
  }

  /** Maps the file's {@code default} key onto the manifest's default rule. */
  private abstract static class ManifestJson {
    @JsonProperty("default")
    abstract void setDefaultRule(SamplingRule defaultRule);

    @JsonProperty("default")
    abstract SamplingRule getDefaultRule();
  }
}

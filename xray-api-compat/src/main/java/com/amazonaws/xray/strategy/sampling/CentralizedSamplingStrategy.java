package com.amazonaws.xray.strategy.sampling;

import java.net.URL;
import java.util.concurrent.ThreadLocalRandom;
import javax.annotation.Nullable;

/**
 * X-Ray's centralized sampling, without the service: where the X-Ray SDK polls the daemon for the
 * rules set in the AWS console, this strategy never calls AWS or a daemon, starts no thread and
 * opens no socket. It decides with local rules — the rule file given, else X-Ray's default rule (1
 * request per second, then 5%) — exactly as {@link LocalizedSamplingStrategy} does, which is also
 * what the X-Ray SDK does until its first poll succeeds. Thread-safe.
 *
 * <p>To keep sampling rules that lived in the X-Ray console, export them to a local rule file and
 * pass its URL.
 */
public class CentralizedSamplingStrategy implements SamplingStrategy {
  private static final String CLIENT_ID = newClientId();

  private final LocalizedSamplingStrategy rules;

  /** Uses X-Ray's default rule; forced sampling is not supported. */
  public CentralizedSamplingStrategy() {
    this(SamplingRuleFiles.DEFAULT_RULES, false);
  }

  /**
   * Uses the rules at {@code ruleLocation} (X-Ray's default rule when null); forced sampling is not
   * supported.
   *
   * @throws RuntimeException when the file parses but is not a valid rule file
   */
  public CentralizedSamplingStrategy(@Nullable URL ruleLocation) {
    this(ruleLocation, false);
  }

  /** Uses X-Ray's default rule, with forced sampling as given. */
  public CentralizedSamplingStrategy(boolean forcedSamplingSupport) {
    this(SamplingRuleFiles.DEFAULT_RULES, forcedSamplingSupport);
  }

  /**
   * Uses the rules at {@code ruleLocation} (X-Ray's default rule when null), with forced sampling
   * as given.
   *
   * @throws RuntimeException when the file parses but is not a valid rule file
   */
  public CentralizedSamplingStrategy(@Nullable URL ruleLocation, boolean forcedSamplingSupport) {
    this.rules = new LocalizedSamplingStrategy(ruleLocation, forcedSamplingSupport);
  }

  /** Returns the rule file's location as given, or null when none was. */
  @Nullable
  public URL getSamplingManifestURL() {
    return rules.getSamplingManifestURL();
  }

  /** Decides with the local rules; never blocks on I/O. */
  @Override
  public SamplingResponse shouldTrace(SamplingRequest samplingRequest) {
    return rules.shouldTrace(samplingRequest);
  }

  /** Does nothing: there are no pollers to stop. The strategy keeps deciding afterwards. */
  @Override
  public void shutdown() {}

  /**
   * Returns this process's sampling client id: 24 random upper-case hex digits, the same for every
   * call.
   */
  public static String getClientID() {
    return CLIENT_ID;
  }

  @Override
  public boolean isForcedSamplingSupported() {
    return rules.isForcedSamplingSupported();
  }

  private static String newClientId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format("%08X%016X", random.nextInt(), random.nextLong());
  }
}

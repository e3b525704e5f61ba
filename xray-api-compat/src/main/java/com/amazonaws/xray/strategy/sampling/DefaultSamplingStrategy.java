package com.amazonaws.xray.strategy.sampling;

/**
 * The recorder's default sampling strategy: X-Ray's default rule, 1 request per second and then 5%,
 * decided locally — no call to AWS or a daemon, no thread. {@code TRACEKIT_SAMPLING_RATE} (or the
 * {@code tracekit.samplingRate} system property) replaces it with a plain rate when the app sets no
 * strategy of its own. Thread-safe.
 */
public class DefaultSamplingStrategy extends CentralizedSamplingStrategy {
  public DefaultSamplingStrategy() {
    super();
  }
}

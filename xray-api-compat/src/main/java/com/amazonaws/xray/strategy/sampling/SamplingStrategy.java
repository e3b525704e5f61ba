package com.amazonaws.xray.strategy.sampling;

/** Decides whether a new segment is sampled. */
public interface SamplingStrategy {
  SamplingResponse shouldTrace(SamplingRequest sampleRequest);

  /** Returns true when a segment begun unsampled may later be switched to sampled. */
  boolean isForcedSamplingSupported();

  /** Releases resources; the default does nothing. */
  default void shutdown() {}
}

package com.amazonaws.xray.strategy.sampling;

/** Samples every request. */
public class AllSamplingStrategy implements SamplingStrategy {
  @Override
  public SamplingResponse shouldTrace(SamplingRequest samplingRequest) {
    return new SamplingResponse(true, null);
  }

  @Override
  public boolean isForcedSamplingSupported() {
    return false;
  }

  @Override
  public String toString() {
    return "AllSamplingStrategy";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AllSamplingStrategy;
  }

  @Override
  public int hashCode() {
    return AllSamplingStrategy.class.hashCode();
  }
}

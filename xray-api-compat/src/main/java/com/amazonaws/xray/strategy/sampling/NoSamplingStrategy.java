package com.amazonaws.xray.strategy.sampling;

/** Samples no request. */
public class NoSamplingStrategy implements SamplingStrategy {
  @Override
  public SamplingResponse shouldTrace(SamplingRequest samplingRequest) {
    return new SamplingResponse(false, null);
  }

  @Override
  public boolean isForcedSamplingSupported() {
    return false;
  }
}

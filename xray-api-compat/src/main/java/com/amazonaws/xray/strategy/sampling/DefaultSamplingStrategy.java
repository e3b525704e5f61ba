package com.amazonaws.xray.strategy.sampling;

/** The default sampling strategy: X-Ray's default rule from local rules, never calling AWS. */
public class DefaultSamplingStrategy extends CentralizedSamplingStrategy {
  public DefaultSamplingStrategy() {
    super();
  }
}

package com.amazonaws.xray.internal;

/**
 * Whether a subsegment follows the sampling decision of its segment ({@link #DISABLED}) or is forced
 * unsampled ({@link #FALSE}). Internal to X-Ray; public because public signatures use it.
 */
public enum SamplingStrategyOverride {
  DISABLED,
  FALSE
}

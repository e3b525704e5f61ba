package com.amazonaws.xray.strategy.sampling.rand;

/** A source of uniformly distributed random numbers in [0, 1) for sampling rates. */
public interface Rand {
  /** Returns the next number, at least 0 and less than 1. */
  double next();
}

package com.amazonaws.xray.strategy.sampling.rand;

import java.util.concurrent.ThreadLocalRandom;

/** {@link Rand} on the calling thread's {@link ThreadLocalRandom}; thread-safe and uncontended. */
public class RandImpl implements Rand {
  @Override
  public double next() {
    return ThreadLocalRandom.current().nextDouble();
  }
}

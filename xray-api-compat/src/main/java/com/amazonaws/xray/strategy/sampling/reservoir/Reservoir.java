package com.amazonaws.xray.strategy.sampling.reservoir;

import dev.tracekit.compat.xray.SamplingReservoir;

/**
 * Grants at most {@link #getTracesPerSecond()} sampling decisions per second. Thread-safe. A
 * reservoir of zero or fewer traces per second grants none.
 */
public class Reservoir {
  private final SamplingReservoir delegate;

  /** A reservoir that grants nothing. */
  public Reservoir() {
    this(0);
  }

  /** A reservoir of {@code tracesPerSecond} decisions a second. */
  public Reservoir(int tracesPerSecond) {
    this.delegate = SamplingReservoir.perSecond(tracesPerSecond);
  }

  /** Takes one decision from this second's budget; returns false when it is spent. */
  public boolean take() {
    return delegate.take();
  }

  public int getTracesPerSecond() {
    return delegate.getPerSecond();
  }
}

package dev.tracekit.compat.core.trace;

import java.time.Instant;

/**
 * Epoch-nanosecond timestamps measured with {@link System#nanoTime()} from one wall-clock reading,
 * so durations within a trace are monotonic and precise even where the wall clock has millisecond
 * resolution (Java 8). One anchor is shared by a local root span and its local descendants.
 */
final class AnchoredClock {
  private final long epochNanosAnchor;
  private final long nanoTimeAnchor;

  private AnchoredClock(long epochNanosAnchor, long nanoTimeAnchor) {
    this.epochNanosAnchor = epochNanosAnchor;
    this.nanoTimeAnchor = nanoTimeAnchor;
  }

  static AnchoredClock create() {
    Instant now = Instant.now();
    return new AnchoredClock(now.getEpochSecond() * 1_000_000_000L + now.getNano(), System.nanoTime());
  }

  /** Returns the epoch time now, in nanoseconds. */
  long now() {
    return epochNanosAnchor + (System.nanoTime() - nanoTimeAnchor);
  }
}

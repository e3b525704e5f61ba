package dev.tracekit.compat.core.trace;

import java.time.Instant;

/**
 * Epoch-nanosecond timestamps measured with {@link System#nanoTime()} from one wall-clock reading,
 * so durations within a trace are monotonic and precise even where the wall clock has millisecond
 * resolution (Java 8). One anchor is shared by a local root span and its local descendants.
 */
final class AnchoredClock {
  /**
   * A clock with no anchor, which reads the wall clock each time: for spans whose start and end are
   * given ({@link DeferredSpan}), which rarely need a reading at all.
   */
  static final AnchoredClock WALL = new AnchoredClock(0, 0, false);

  private final long epochNanosAnchor;
  private final long nanoTimeAnchor;
  private final boolean anchored;

  private AnchoredClock(long epochNanosAnchor, long nanoTimeAnchor, boolean anchored) {
    this.epochNanosAnchor = epochNanosAnchor;
    this.nanoTimeAnchor = nanoTimeAnchor;
    this.anchored = anchored;
  }

  static AnchoredClock create() {
    return new AnchoredClock(wallNow(), System.nanoTime(), true);
  }

  /** Returns the epoch time now, in nanoseconds. */
  long now() {
    return anchored ? epochNanosAnchor + (System.nanoTime() - nanoTimeAnchor) : wallNow();
  }

  private static long wallNow() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}

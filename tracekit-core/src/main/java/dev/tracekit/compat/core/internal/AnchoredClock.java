package dev.tracekit.compat.core.internal;

import java.time.Instant;

/**
 * Epoch-nanosecond timestamps measured with {@link System#nanoTime()} from one wall-clock reading,
 * so durations within a trace are monotonic (a wall-clock step cannot make a child end before it
 * starts) and precise even where the wall clock has millisecond resolution (Java 8). One anchor is
 * shared by a local root span (or X-Ray segment) and its local descendants, as in OpenTelemetry.
 * Immutable. Not API.
 */
public final class AnchoredClock {
  /**
   * A clock with no anchor, which reads the wall clock each time: for spans whose start and end are
   * given, which rarely need a reading at all.
   */
  public static final AnchoredClock WALL = new AnchoredClock(0, false);

  // The wall-clock reading minus System.nanoTime() at the same moment (wraps harmlessly).
  private final long epochNanosMinusNanoTime;
  private final boolean anchored;

  private AnchoredClock(long epochNanosMinusNanoTime, boolean anchored) {
    this.epochNanosMinusNanoTime = epochNanosMinusNanoTime;
    this.anchored = anchored;
  }

  /** Returns a clock anchored at the wall clock now. */
  public static AnchoredClock create() {
    return new AnchoredClock(anchorAt(wallNow()), true);
  }

  /** Returns the epoch time now, in nanoseconds. */
  public long now() {
    return anchored ? nowFromAnchor(epochNanosMinusNanoTime) : wallNow();
  }

  /**
   * Returns an anchor kept elsewhere (one long): {@code epochNanos}, a wall-clock reading just
   * taken, minus {@link System#nanoTime()} now. {@link #nowFromAnchor} reads the time from it.
   */
  public static long anchorAt(long epochNanos) {
    return epochNanos - System.nanoTime();
  }

  /** Returns the epoch time now, in nanoseconds, from an anchor made by {@link #anchorAt}. */
  public static long nowFromAnchor(long anchor) {
    return System.nanoTime() + anchor;
  }

  /** Returns the wall clock now, in epoch nanoseconds (microseconds or better on Java 9+). */
  public static long wallNow() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}

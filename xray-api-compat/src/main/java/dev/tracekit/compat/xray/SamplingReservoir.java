package dev.tracekit.compat.xray;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Grants at most a fixed number of sampling decisions per second: the first {@code take()} opens a
 * one-second window, and once the window has passed the next {@code take()} opens a new one.
 * Thread-safe; never blocks beyond a short lock. Not API: shared by the X-Ray sampling classes.
 */
public final class SamplingReservoir {
  private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final int perSecond;
  private final LongSupplier nanoClock;
  private boolean windowOpen;
  private long windowStart;
  private int used;

  /**
   * Returns a reservoir of {@code perSecond} decisions a second (none when zero or negative),
   * reading time from {@code nanoClock} (monotonic nanoseconds, like {@link System#nanoTime()}).
   */
  public SamplingReservoir(int perSecond, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.nanoClock = nanoClock;
  }

  /** Returns a reservoir of {@code perSecond} decisions a second on {@link System#nanoTime()}. */
  public static SamplingReservoir perSecond(int perSecond) {
    return new SamplingReservoir(perSecond, System::nanoTime);
  }

  /** Takes one decision from this second's budget; returns false when it is spent. */
  public boolean take() {
    if (perSecond <= 0) {
      return false;
    }
    long now = nanoClock.getAsLong();
    synchronized (this) {
      if (!windowOpen || now - windowStart >= WINDOW_NANOS) {
        windowOpen = true;
        windowStart = now;
        used = 0;
      }
      if (used >= perSecond) {
        return false;
      }
      used++;
      return true;
    }
  }

  /** Returns the number of decisions granted per second. */
  public int getPerSecond() {
    return perSecond;
  }

  @Override
  public String toString() {
    return "SamplingReservoir{perSecond=" + perSecond + "}";
  }
}

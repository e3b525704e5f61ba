package dev.tracekit.compat.core.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * A {@link Logger} wrapper that lets through at most a few records per minute and then says how
 * many it suppressed, so that a broken backend or a misbehaving caller cannot flood the app's logs.
 * Thread-safe. Not API.
 */
public final class ThrottlingLogger {
  private static final int DEFAULT_RECORDS_PER_MINUTE = 5;

  private final Logger delegate;
  private final int recordsPerWindow;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final Object lock = new Object();
  private long windowStart;
  private int recordsInWindow;
  private final AtomicLong suppressed = new AtomicLong();

  private ThrottlingLogger(Logger delegate, int recordsPerWindow, long windowNanos, LongSupplier nanoTime) {
    this.delegate = delegate;
    this.recordsPerWindow = recordsPerWindow;
    this.windowNanos = windowNanos;
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  /** Returns a logger that lets five records a minute through. */
  public static ThrottlingLogger create(Logger delegate) {
    return new ThrottlingLogger(
        delegate, DEFAULT_RECORDS_PER_MINUTE, TimeUnit.MINUTES.toNanos(1), System::nanoTime);
  }

  /** Returns a logger with its own rate and clock, for tests. */
  public static ThrottlingLogger create(
      Logger delegate, int recordsPerWindow, long window, TimeUnit unit, LongSupplier nanoTime) {
    return new ThrottlingLogger(delegate, recordsPerWindow, unit.toNanos(window), nanoTime);
  }

  /** Logs {@code message} unless this window's budget is spent. */
  public void log(Level level, String message) {
    log(level, message, null);
  }

  /** Logs {@code message} with {@code thrown} unless this window's budget is spent. */
  public void log(Level level, String message, @Nullable Throwable thrown) {
    if (!delegate.isLoggable(level)) {
      return;
    }
    long dropped;
    synchronized (lock) {
      long now = nanoTime.getAsLong();
      if (now - windowStart >= windowNanos) {
        windowStart = now;
        recordsInWindow = 0;
      }
      if (recordsInWindow >= recordsPerWindow) {
        suppressed.incrementAndGet();
        return;
      }
      recordsInWindow++;
      dropped = suppressed.getAndSet(0);
    }
    String text =
        dropped == 0
            ? message
            : message + " (" + dropped + " similar messages were suppressed before this one)";
    // The source is the logger's own name (the class that created it), not this wrapper.
    delegate.logp(level, delegate.getName(), null, text, thrown);
  }

  /** Returns true when the underlying logger would log at {@code level}. */
  public boolean isLoggable(Level level) {
    return delegate.isLoggable(level);
  }
}

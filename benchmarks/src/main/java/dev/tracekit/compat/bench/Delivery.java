package dev.tracekit.compat.bench;

import java.util.function.LongSupplier;

/** Waits for a sink's counter to reach a count, remembering when it last moved. */
final class Delivery {
  private Delivery() {}

  /**
   * Polls {@code received} until it reaches {@code expected} or stays still for {@code quietMillis};
   * returns the {@link System#nanoTime()} at which it last changed (or {@code startNanos} if never).
   */
  static long awaitLastChange(LongSupplier received, long expected, long startNanos, long quietMillis)
      throws InterruptedException {
    long last = received.getAsLong();
    long lastChange = startNanos;
    long quietSince = System.nanoTime();
    while (last < expected) {
      Thread.sleep(1);
      long now = received.getAsLong();
      long nanos = System.nanoTime();
      if (now != last) {
        last = now;
        lastChange = nanos;
        quietSince = nanos;
      } else if (nanos - quietSince > quietMillis * 1_000_000L) {
        break;
      }
    }
    if (last >= expected) {
      lastChange = System.nanoTime();
    }
    return lastChange;
  }
}

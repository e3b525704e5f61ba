package dev.tracekit.compat.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/** Calls an action at a fixed rate, the way a service receives requests: not flat out. */
final class Pacer {
  private Pacer() {}

  /**
   * Calls {@code action} with 0, 1, 2, … at {@code rate} per second for {@code seconds}, each call
   * at its due time (early by at most 0.2 ms; late when the caller cannot keep up); returns the count.
   */
  static long paced(int rate, int seconds, LongConsumer action) {
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    long total = (long) rate * seconds;
    for (long i = 0; i < total; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 200_000) {
        LockSupport.parkNanos(wait - 100_000);
      }
      action.accept(i);
    }
    return total;
  }
}

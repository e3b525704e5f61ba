package dev.tracekit.compat.core.export;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true, failing after a generous bound. */
final class Await {
  private static final long BOUND_SECONDS = 10;

  private Await() {}

  /** Returns once {@code condition} holds; fails the test when it does not within 10 s. */
  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Still waiting after " + BOUND_SECONDS + " s for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}

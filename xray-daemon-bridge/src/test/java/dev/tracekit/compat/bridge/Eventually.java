package dev.tracekit.compat.bridge;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for what another thread or process makes true, failing after a generous liveness bound. */
final class Eventually {
  static final long BOUND_SECONDS = 30;

  private Eventually() {}

  /** Returns once {@code condition} holds; fails after {@link #BOUND_SECONDS}, saying {@code state}. */
  static void until(String what, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "Still waiting after " + BOUND_SECONDS + " s for " + what + "; " + state.get());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  static void until(String what, BooleanSupplier condition) {
    until(what, condition, () -> "");
  }
}

package dev.tracekit.compat.core.export;

/** Waits between retries. A seam so that tests record backoffs instead of sleeping through them. */
interface Sleeper {
  /** Waits about {@code nanos} nanoseconds; may return early, such as on shutdown. */
  void sleep(long nanos) throws InterruptedException;
}

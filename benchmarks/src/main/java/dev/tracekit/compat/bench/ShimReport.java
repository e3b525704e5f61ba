package dev.tracekit.compat.bench;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.util.concurrent.TimeUnit;

/**
 * Reads the shim's pipeline counts. Loaded only when {@link Contender#isShim()}: it links against
 * tracekit-core, which the real SDK's class path does not have.
 */
final class ShimReport {
  private ShimReport() {}

  /** Indexes into {@link #counts()}. */
  static final int ENDED = 0;
  static final int EXPORTED = 1;
  static final int DROPPED = 2;
  static final int FAILED = 3;
  static final int QUEUED = 4;

  /**
   * Flushes the shim's pipeline, waiting at most {@code timeoutMillis}; returns false on timeout.
   */
  static boolean flush(long timeoutMillis) {
    return TraceKit.flush(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Returns the shim's counts now as {ended, exported, dropped, failed, queued}: plain longs, so that
   * callers linked only against the X-Ray API never see a tracekit-core type.
   */
  static long[] counts() {
    PipelineStats stats = TraceKit.getStats();
    return new long[] {
      stats.getSpansEnded(),
      stats.getSpansExported(),
      stats.getSpansDropped(),
      stats.getSpansFailed(),
      stats.getSpansQueued()
    };
  }

  /** Returns the queue bound the shim runs with: its default, or the one set for the run. */
  static int queueCapacity() {
    return dev.tracekit.compat.core.TraceKitConfig.builder().build().getMaxQueueSize();
  }

  /**
   * Prints the counts after a benchmark trial, so that drops under load are visible (the result
   * table reads this line from the log).
   */
  static void print(String benchmark) {
    PipelineStats stats = TraceKit.getStats();
    System.out.println(
        "shim pipeline after " + benchmark + ": ended=" + stats.getSpansEnded()
            + " exported=" + stats.getSpansExported()
            + " droppedQueueFull=" + stats.getSpansDroppedQueueFull()
            + " failed=" + stats.getSpansFailed()
            + " queued=" + stats.getSpansQueued()
            + " unsampled=" + stats.getSpansUnsampled());
  }
}

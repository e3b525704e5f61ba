package dev.tracekit.compat.core.trace;

import java.util.concurrent.TimeUnit;

/**
 * Receives spans as they end. {@link #onEnd} runs on the app thread that ended the span: it must
 * not block, not do I/O and never throw. Flush and shutdown are bounded by their timeouts.
 */
public interface SpanProcessor {

  /** Takes a span that just ended. Called once per sampled span, on the app thread. */
  void onEnd(SpanData span);

  /**
   * Exports every span taken so far, waiting at most {@code timeout}. Returns true when all of them
   * were handed to the exporter and it finished, false on timeout. The default, for processors that
   * keep nothing, returns true.
   */
  default boolean forceFlush(long timeout, TimeUnit unit) {
    return true;
  }

  /**
   * Flushes, then stops: later spans are dropped and counted. Waits at most {@code timeout}; returns
   * false when that was not enough. Calling it again has no further effect. The default returns
   * true.
   */
  default boolean shutdown(long timeout, TimeUnit unit) {
    return true;
  }

  /** Returns the counts of exported, dropped and failed spans so far; the default, all zero. */
  default ProcessorStats getStats() {
    return ProcessorStats.empty();
  }
}

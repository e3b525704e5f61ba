package dev.tracekit.compat.core.trace;

import javax.annotation.Nullable;

/**
 * What the pipeline did with the spans of one {@link TraceKit} instance, as counts since it was
 * initialized. Immutable snapshot from {@link TraceKit#getStats()}.
 *
 * <p>Every sampled span that ended is in exactly one of exported, dropped, failed or queued, so
 * after a {@link TraceKit#flush()} that returned true: {@code ended = exported + dropped + failed}.
 * Unsampled spans are counted apart and never exported.
 */
public final class PipelineStats {
  private final long started;
  private final long unsampled;
  private final long ended;
  private final ProcessorStats processor;

  private PipelineStats(long started, long unsampled, long ended, ProcessorStats processor) {
    this.started = started;
    this.unsampled = unsampled;
    this.ended = ended;
    this.processor = processor;
  }

  /** Returns a snapshot of the tracer's counts and its processor's. */
  public static PipelineStats create(
      long started, long unsampled, long ended, ProcessorStats processor) {
    return new PipelineStats(started, unsampled, ended, processor);
  }

  /** Sampled spans started. */
  public long getSpansStarted() {
    return started;
  }

  /** Spans the sampler (or a disabled pipeline) left unrecorded. */
  public long getSpansUnsampled() {
    return unsampled;
  }

  /** Sampled spans that ended and were handed to the processor. */
  public long getSpansEnded() {
    return ended;
  }

  /** Spans delivered to the backend (or printed, for the console exporter). */
  public long getSpansExported() {
    return processor.getExported();
  }

  /** Spans dropped because the queue was full. */
  public long getSpansDroppedQueueFull() {
    return processor.getDroppedQueueFull();
  }

  /**
   * Spans that ended after shutdown began, or that a shutdown which ran out of time left
   * unexported.
   */
  public long getSpansDroppedAfterShutdown() {
    return processor.getDroppedAfterShutdown();
  }

  /** All dropped spans: queue full plus after shutdown. */
  public long getSpansDropped() {
    return processor.getDropped();
  }

  /** Spans the exporter gave up on after its retries. */
  public long getSpansFailed() {
    return processor.getFailed();
  }

  /**
   * Returns why spans last failed (cause and endpoint, as the exporter said it; never a secret), or
   * null when none failed.
   */
  @Nullable
  public String getLastFailure() {
    return processor.getLastFailure();
  }

  /** Spans waiting in the queue. */
  public long getSpansQueued() {
    return processor.getQueued();
  }

  @Override
  public String toString() {
    return "PipelineStats{started="
        + started
        + ", unsampled="
        + unsampled
        + ", ended="
        + ended
        + ", exported="
        + getSpansExported()
        + ", droppedQueueFull="
        + getSpansDroppedQueueFull()
        + ", droppedAfterShutdown="
        + getSpansDroppedAfterShutdown()
        + ", failed="
        + getSpansFailed()
        + ", queued="
        + getSpansQueued()
        + '}';
  }
}

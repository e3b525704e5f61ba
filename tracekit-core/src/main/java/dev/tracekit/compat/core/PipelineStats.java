package dev.tracekit.compat.core;

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
  private final long exported;
  private final long droppedQueueFull;
  private final long droppedAfterShutdown;
  private final long failed;
  private final long queued;

  private PipelineStats(
      long started,
      long unsampled,
      long ended,
      long exported,
      long droppedQueueFull,
      long droppedAfterShutdown,
      long failed,
      long queued) {
    this.started = started;
    this.unsampled = unsampled;
    this.ended = ended;
    this.exported = exported;
    this.droppedQueueFull = droppedQueueFull;
    this.droppedAfterShutdown = droppedAfterShutdown;
    this.failed = failed;
    this.queued = queued;
  }

  /** Returns a snapshot with these counts. */
  public static PipelineStats create(
      long started,
      long unsampled,
      long ended,
      long exported,
      long droppedQueueFull,
      long droppedAfterShutdown,
      long failed,
      long queued) {
    return new PipelineStats(
        started, unsampled, ended, exported, droppedQueueFull, droppedAfterShutdown, failed, queued);
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
    return exported;
  }

  /** Spans dropped because the queue was full. */
  public long getSpansDroppedQueueFull() {
    return droppedQueueFull;
  }

  /** Spans dropped by shutdown: ended after it, or still queued when it ran out of time. */
  public long getSpansDroppedAfterShutdown() {
    return droppedAfterShutdown;
  }

  /** All dropped spans: queue full plus after shutdown. */
  public long getSpansDropped() {
    return droppedQueueFull + droppedAfterShutdown;
  }

  /** Spans the exporter gave up on after its retries. */
  public long getSpansFailed() {
    return failed;
  }

  /** Spans waiting in the queue. */
  public long getSpansQueued() {
    return queued;
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
        + exported
        + ", droppedQueueFull="
        + droppedQueueFull
        + ", droppedAfterShutdown="
        + droppedAfterShutdown
        + ", failed="
        + failed
        + ", queued="
        + queued
        + '}';
  }
}

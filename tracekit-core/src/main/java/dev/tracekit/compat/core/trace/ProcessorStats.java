package dev.tracekit.compat.core.trace;

import javax.annotation.Nullable;

/**
 * Counts of what a span processor did with the spans it received. Immutable snapshot; every span
 * handed to the processor ends in exactly one of exported, dropped or failed, or is still queued.
 * Part of {@link PipelineStats}.
 */
public final class ProcessorStats {
  private static final ProcessorStats EMPTY = new ProcessorStats(0, 0, 0, 0, 0, null);

  private final long exported;
  private final long droppedQueueFull;
  private final long droppedAfterShutdown;
  private final long failed;
  private final long queued;
  @Nullable private final String lastFailure;

  private ProcessorStats(
      long exported,
      long droppedQueueFull,
      long droppedAfterShutdown,
      long failed,
      long queued,
      @Nullable String lastFailure) {
    this.exported = exported;
    this.droppedQueueFull = droppedQueueFull;
    this.droppedAfterShutdown = droppedAfterShutdown;
    this.failed = failed;
    this.queued = queued;
    this.lastFailure = lastFailure;
  }

  /** Returns a snapshot with the given counts. */
  public static ProcessorStats create(
      long exported, long droppedQueueFull, long droppedAfterShutdown, long failed, long queued) {
    return new ProcessorStats(exported, droppedQueueFull, droppedAfterShutdown, failed, queued, null);
  }

  /** Returns a snapshot with the given counts and why spans last failed (null when unknown). */
  public static ProcessorStats create(
      long exported,
      long droppedQueueFull,
      long droppedAfterShutdown,
      long failed,
      long queued,
      @Nullable String lastFailure) {
    return new ProcessorStats(exported, droppedQueueFull, droppedAfterShutdown, failed, queued, lastFailure);
  }

  /** Returns the snapshot with every count zero. */
  public static ProcessorStats empty() {
    return EMPTY;
  }

  /** Spans the exporter delivered. */
  public long getExported() {
    return exported;
  }

  /** Spans dropped because the queue was full. */
  public long getDroppedQueueFull() {
    return droppedQueueFull;
  }

  /** Spans dropped by shutdown: ended after it, or still queued when it ran out of time. */
  public long getDroppedAfterShutdown() {
    return droppedAfterShutdown;
  }

  /** All dropped spans: queue full plus after shutdown. */
  public long getDropped() {
    return droppedQueueFull + droppedAfterShutdown;
  }

  /** Spans the exporter gave up on (the backend refused them or stayed unreachable). */
  public long getFailed() {
    return failed;
  }

  /**
   * Returns why spans last failed, as the exporter said it (cause and endpoint, never a secret), or
   * null when none failed or the exporter did not say.
   */
  @Nullable
  public String getLastFailure() {
    return lastFailure;
  }

  /** Spans waiting in the queue when the snapshot was taken. */
  public long getQueued() {
    return queued;
  }

  @Override
  public String toString() {
    return "ProcessorStats{exported="
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

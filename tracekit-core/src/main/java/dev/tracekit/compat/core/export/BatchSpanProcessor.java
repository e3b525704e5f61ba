package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.internal.DaemonThreadFactory;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.trace.ProcessorStats;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Batches ended spans on a daemon worker thread and hands them to a {@link SpanExporter}.
 *
 * <p>App threads only {@code offer} to a bounded queue: when it is full the span is dropped and
 * counted, never waited for. The worker exports when a batch fills or when the schedule delay
 * passes, whichever comes first; it is woken early only when the batch it waits for is full. Drops
 * are reported as one summed, rate-limited warning.
 *
 * <p>With {@linkplain Builder#setMaxConcurrentExports more than one export in flight}, helper
 * threads ({@link ExportHelpers}) export further full batches while the worker's export is under
 * way, so that one round trip to the backend no longer caps the throughput at one batch at a time.
 * The exporter must then accept calls from several threads at once.
 *
 * <p>Defaults: queue 8192 spans, batches of at most 512, schedule delay 1 s, one export at a time.
 * The queue is four times OpenTelemetry's 2048: at 200,000 spans a second, 2048 spans are 10 ms,
 * less than the moments a loaded 2-core host leaves the worker off the CPU (measured up to 23 ms
 * with the paced benchmark), and every such moment dropped spans; 8192 spans hold 40 ms.
 */
public final class BatchSpanProcessor implements SpanProcessor {
  /** Default bound of the queue, in spans. */
  public static final int DEFAULT_MAX_QUEUE_SIZE = 8192;
  /** Default largest batch handed to the exporter. */
  public static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;
  /** Default time between exports when batches do not fill, in milliseconds. */
  public static final long DEFAULT_SCHEDULE_DELAY_MILLIS = 1000;
  /** Default number of exports in flight at once. */
  public static final int DEFAULT_MAX_CONCURRENT_EXPORTS = 1;
  /**
   * The most exports TraceKit's configuration lets be in flight at once; the OTLP exporter keeps as
   * many idle connections.
   */
  public static final int MAX_CONCURRENT_EXPORTS_LIMIT = 16;

  private static final Logger LOGGER = Logger.getLogger(BatchSpanProcessor.class.getName());
  private static final String WORKER_THREAD_NAME = "tracekit-span-exporter";

  private final SpanExporter exporter;
  private final int maxQueueSize;
  private final int maxExportBatchSize;
  private final long scheduleDelayNanos;
  private final SpanQueue queue;
  private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
  private final ConcurrentLinkedQueue<CountDownLatch> flushRequests = new ConcurrentLinkedQueue<>();
  private final AtomicInteger spansNeeded = new AtomicInteger(Integer.MAX_VALUE);
  private final AtomicBoolean shutdownRequested = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final LongAdder exported = new LongAdder();
  private final LongAdder droppedQueueFull = new LongAdder();
  private final LongAdder droppedAfterShutdown = new LongAdder();
  private final LongAdder failed = new LongAdder();
  // Why spans last failed, as the exporter said it.
  @Nullable private volatile String lastFailure;
  private final ThrottlingLogger logger = ThrottlingLogger.create(LOGGER);
  private final Thread worker;
  private final ExportHelpers helpers;
  private volatile boolean running = true;
  // Set when a shutdown runs out of time: spans not yet handed to the exporter are dropped.
  private volatile boolean abandoned;
  private long droppedReported;

  private BatchSpanProcessor(Builder builder) {
    this.exporter = builder.exporter;
    this.maxQueueSize = builder.maxQueueSize;
    this.maxExportBatchSize = builder.maxExportBatchSize;
    this.scheduleDelayNanos = builder.scheduleDelayNanos;
    this.queue = new SpanQueue(maxQueueSize);
    DaemonThreadFactory threads = new DaemonThreadFactory(WORKER_THREAD_NAME);
    this.worker = threads.newThread(this::runWorker);
    this.helpers =
        new ExportHelpers(
            builder.maxConcurrentExports - 1,
            threads,
            queue,
            maxExportBatchSize,
            () -> running,
            this::export);
    this.worker.start();
    helpers.start();
  }

  /** Returns a builder that exports to {@code exporter}. */
  public static Builder builder(SpanExporter exporter) {
    return new Builder(exporter);
  }

  @Override
  public void onEnd(SpanData span) {
    if (shutdownRequested.get()) {
      droppedAfterShutdown.increment();
      return;
    }
    if (!queue.offer(span)) {
      droppedQueueFull.increment();
      return;
    }
    if (shutdownRequested.get() && queue.remove(span)) {
      // Shutdown began while this span was on its way in: the worker may already have taken its
      // last look at the queue, so count the span here rather than strand it.
      droppedAfterShutdown.increment();
      return;
    }
    int needed = spansNeeded.get();
    if (needed != Integer.MAX_VALUE) {
      if (queue.size() >= needed) {
        signal.offer(Boolean.TRUE);
      }
    } else {
      // The worker is exporting: a full batch is a helper's.
      helpers.onSpanQueued();
    }
  }

  @Override
  public boolean forceFlush(long timeout, TimeUnit unit) {
    if (!running) {
      return await(terminated, timeout, unit);
    }
    CountDownLatch done = new CountDownLatch(1);
    flushRequests.add(done);
    if (terminated.getCount() == 0) {
      // The worker stopped after the check above; its last pass exported everything.
      return true;
    }
    signal.offer(Boolean.TRUE);
    return await(done, timeout, unit);
  }

  @Override
  public boolean shutdown(long timeout, TimeUnit unit) {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    if (!shutdownRequested.compareAndSet(false, true)) {
      return await(terminated, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    // The worker drains what is queued, exports it, then stops.
    running = false;
    signal.offer(Boolean.TRUE);
    boolean done = await(terminated, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    if (!done) {
      // Out of time: stop waiting on the network. The exporter fails what it was sending; the rest
      // is dropped, not handed to it.
      abandoned = true;
      exporter.shutdown();
      worker.interrupt();
      helpers.interrupt();
    }
    return done;
  }

  @Override
  public ProcessorStats getStats() {
    return ProcessorStats.create(
        exported.sum(),
        droppedQueueFull.sum(),
        droppedAfterShutdown.sum(),
        failed.sum(),
        queue.size(),
        lastFailure);
  }

  /** Returns the queue bound. */
  public int getMaxQueueSize() {
    return maxQueueSize;
  }

  private static boolean await(CountDownLatch latch, long timeout, TimeUnit unit) {
    try {
      return latch.await(Math.max(0, timeout), unit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // --- worker ---

  private void runWorker() {
    List<SpanData> batch = new ArrayList<>(maxExportBatchSize);
    long nextExport = System.nanoTime() + scheduleDelayNanos;
    try {
      while (running) {
        if (!flushRequests.isEmpty()) {
          // Answer only the requests made before this pass: a later one may follow spans that
          // this pass does not export.
          List<CountDownLatch> requests = takeFlushRequests();
          exportEverything(batch);
          if (!helpers.awaitExports()) {
            return;
          }
          countDownAll(requests);
          nextExport = System.nanoTime() + scheduleDelayNanos;
          continue;
        }
        queue.drainTo(batch, maxExportBatchSize - batch.size());
        long now = System.nanoTime();
        if (batch.size() >= maxExportBatchSize || (now - nextExport >= 0 && !batch.isEmpty())) {
          // Spans that came in while this worker was woken signalled it, not a helper.
          helpers.onSpanQueued();
          export(batch);
          nextExport = System.nanoTime() + scheduleDelayNanos;
          continue;
        }
        if (now - nextExport >= 0) {
          nextExport = now + scheduleDelayNanos;
        }
        int needed = maxExportBatchSize - batch.size();
        spansNeeded.set(needed);
        if (queue.size() >= needed) {
          // Spans that arrived before spansNeeded was set did not signal: don't wait for them.
          spansNeeded.set(Integer.MAX_VALUE);
          continue;
        }
        try {
          signal.poll(nextExport - now, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          // Interrupted by a shutdown that ran out of time: stop.
          return;
        } finally {
          spansNeeded.set(Integer.MAX_VALUE);
        }
      }
      exportEverything(batch);
    } finally {
      // Returns once every helper has ended, its export included.
      helpers.stop();
      exporter.shutdown();
      dropRemaining(batch);
      terminated.countDown();
      completeFlushRequests();
    }
  }

  /**
   * Counts what a shutdown that ran out of time left unexported as dropped, so that every span is
   * accounted for once the worker has stopped.
   */
  private void dropRemaining(List<SpanData> batch) {
    int dropped = batch.size();
    batch.clear();
    while (queue.poll() != null) {
      dropped++;
    }
    droppedAfterShutdown.add(dropped);
  }

  private void exportEverything(List<SpanData> batch) {
    // Export at most what is queued now, so that a steady stream cannot keep the flush going.
    int remaining = queue.size();
    do {
      int room = maxExportBatchSize - batch.size();
      remaining -= queue.drainTo(batch, Math.min(room, Math.max(remaining, 0)));
      if (batch.isEmpty()) {
        // Helpers took the rest.
        break;
      }
      export(batch);
    } while (remaining > 0 && !Thread.currentThread().isInterrupted());
    try {
      exporter.flush();
    } catch (RuntimeException e) {
      logger.log(Level.WARNING, "Span exporter failed to flush: " + e);
    }
  }

  private List<CountDownLatch> takeFlushRequests() {
    List<CountDownLatch> requests = new ArrayList<>();
    CountDownLatch request;
    while ((request = flushRequests.poll()) != null) {
      requests.add(request);
    }
    return requests;
  }

  private static void countDownAll(List<CountDownLatch> requests) {
    for (CountDownLatch request : requests) {
      request.countDown();
    }
  }

  private void completeFlushRequests() {
    CountDownLatch request;
    while ((request = flushRequests.poll()) != null) {
      request.countDown();
    }
  }

  private void export(List<SpanData> batch) {
    int size = batch.size();
    if (abandoned) {
      droppedAfterShutdown.add(size);
      batch.clear();
      return;
    }
    try {
      ExportResult result = exporter.export(Collections.unmodifiableList(batch));
      int failedSpans = Math.min(result == null ? size : result.getFailedSpans(), size);
      exported.add(size - failedSpans);
      failed.add(failedSpans);
      if (failedSpans > 0) {
        lastFailure = result != null && result.getFailureReason() != null
            ? result.getFailureReason()
            : exporter + " failed " + failedSpans + " spans";
      }
    } catch (VirtualMachineError e) {
      failed.add(size);
      throw e;
    } catch (Throwable e) {
      failed.add(size);
      lastFailure = "Span exporter threw while exporting " + size + " spans: " + e;
      logger.log(Level.WARNING, lastFailure);
    } finally {
      batch.clear();
    }
    reportDrops();
  }

  private synchronized void reportDrops() {
    long dropped = droppedQueueFull.sum();
    if (dropped > droppedReported) {
      logger.log(
          Level.WARNING,
          "Dropped "
              + (dropped - droppedReported)
              + " spans because the export queue ("
              + maxQueueSize
              + " spans) was full; "
              + dropped
              + " dropped in all");
      droppedReported = dropped;
    }
  }

  @Override
  public String toString() {
    return "BatchSpanProcessor{exporter="
        + exporter
        + ", maxQueueSize="
        + maxQueueSize
        + ", maxExportBatchSize="
        + maxExportBatchSize
        + ", scheduleDelayMillis="
        + TimeUnit.NANOSECONDS.toMillis(scheduleDelayNanos)
        + ", maxConcurrentExports="
        + (helpers.count() + 1)
        + '}';
  }

  /** Builds a {@link BatchSpanProcessor}; the processor's worker starts on {@link #build()}. */
  public static final class Builder {
    private final SpanExporter exporter;
    private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
    private int maxExportBatchSize = DEFAULT_MAX_EXPORT_BATCH_SIZE;
    private long scheduleDelayNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_SCHEDULE_DELAY_MILLIS);
    private int maxConcurrentExports = DEFAULT_MAX_CONCURRENT_EXPORTS;

    private Builder(SpanExporter exporter) {
      this.exporter = Objects.requireNonNull(exporter, "exporter");
    }

    /**
     * Sets the queue bound (default 8192).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder setMaxQueueSize(int maxQueueSize) {
      if (maxQueueSize < 1) {
        throw new IllegalArgumentException("maxQueueSize must be > 0, got " + maxQueueSize);
      }
      this.maxQueueSize = maxQueueSize;
      return this;
    }

    /**
     * Sets the largest batch (default 512); it is capped at the queue size.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder setMaxExportBatchSize(int maxExportBatchSize) {
      if (maxExportBatchSize < 1) {
        throw new IllegalArgumentException(
            "maxExportBatchSize must be > 0, got " + maxExportBatchSize);
      }
      this.maxExportBatchSize = maxExportBatchSize;
      return this;
    }

    /**
     * Sets the longest time a span waits for a batch to fill (default 1 s).
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder setScheduleDelay(long delay, TimeUnit unit) {
      if (delay < 0) {
        throw new IllegalArgumentException("scheduleDelay must be >= 0, got " + delay);
      }
      this.scheduleDelayNanos = unit.toNanos(delay);
      return this;
    }

    /**
     * Sets how many exports may be in flight at once (default 1). Above 1, helper threads export
     * further full batches while one is under way, and the exporter must accept concurrent calls;
     * each export in flight holds up to one batch of spans besides the queue.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder setMaxConcurrentExports(int maxConcurrentExports) {
      if (maxConcurrentExports < 1) {
        throw new IllegalArgumentException(
            "maxConcurrentExports must be > 0, got " + maxConcurrentExports);
      }
      this.maxConcurrentExports = maxConcurrentExports;
      return this;
    }

    /** Returns the processor and starts its worker threads. */
    public BatchSpanProcessor build() {
      maxExportBatchSize = Math.min(maxExportBatchSize, maxQueueSize);
      return new BatchSpanProcessor(this);
    }
  }
}

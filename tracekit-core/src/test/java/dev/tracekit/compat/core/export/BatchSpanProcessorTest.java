package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.compat.core.trace.ProcessorStats;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.SpanProcessor;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchSpanProcessorTest {
  private static final long ONE_HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

  private final RecordingExporter exporter = new RecordingExporter();
  private final List<BatchSpanProcessor> processors = new ArrayList<>();

  @AfterEach
  void shutDownProcessors() {
    exporter.release();
    for (BatchSpanProcessor processor : processors) {
      processor.shutdown(10, TimeUnit.SECONDS);
    }
  }

  private BatchSpanProcessor processor(int maxQueueSize, int maxExportBatchSize, long delayMillis) {
    BatchSpanProcessor processor =
        BatchSpanProcessor.builder(exporter)
            .setMaxQueueSize(maxQueueSize)
            .setMaxExportBatchSize(maxExportBatchSize)
            .setScheduleDelay(delayMillis, TimeUnit.MILLISECONDS)
            .build();
    processors.add(processor);
    return processor;
  }

  private static Tracer tracer(SpanProcessor processor) {
    return Tracer.builder().setSpanProcessor(processor).build();
  }

  private static void endSpans(Tracer tracer, int count) {
    for (int i = 0; i < count; i++) {
      tracer.spanBuilder("span-" + i).setNoParent().startDetached().end();
    }
  }

  // --- batching ---

  @Test
  void batchesNeverExceedTheMaxBatchSize() {
    BatchSpanProcessor processor = processor(1000, 7, 1);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 100);
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(exporter.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 7));
    assertThat(exporter.spanCount()).isEqualTo(100);
    Set<Long> spanIds = new HashSet<>();
    for (List<SpanData> batch : exporter.batches()) {
      for (SpanData span : batch) {
        spanIds.add(span.getSpanContext().getSpanIdAsLong());
      }
    }
    assertThat(spanIds).hasSize(100);
    assertThat(processor.getStats().getExported()).isEqualTo(100);
  }

  @Test
  void theBatchSizeIsCappedAtTheQueueSize() {
    BatchSpanProcessor processor = processor(10, 100, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 10);
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(exporter.batchSizes()).containsExactly(10);
  }

  @Test
  void exportsAFullBatchWithoutWaitingForTheScheduleDelay() throws InterruptedException {
    BatchSpanProcessor processor = processor(100, 10, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 10);
    exporter.awaitExportStarted();
    endSpans(tracer, 10);
    exporter.awaitExportStarted();

    assertThat(exporter.batchSizes()).containsExactly(10, 10);
  }

  @Test
  void exportsAFullBatchEndedRightAfterTheProcessorStarts() throws InterruptedException {
    // The worker may still be starting up while the batch fills: the wake-up must not be lost.
    for (int i = 0; i < 50; i++) {
      RecordingExporter fresh = new RecordingExporter();
      BatchSpanProcessor processor =
          BatchSpanProcessor.builder(fresh)
              .setMaxExportBatchSize(5)
              .setScheduleDelay(1, TimeUnit.HOURS)
              .build();
      processors.add(processor);

      endSpans(tracer(processor), 5);

      fresh.awaitExportStarted();
      assertThat(fresh.batchSizes()).containsExactly(5);
    }
  }

  @Test
  void exportsAPartialBatchWhenTheScheduleDelayPasses() {
    BatchSpanProcessor processor = processor(100, 50, 5);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 3);

    Await.until("the partial batch to be exported", () -> processor.getStats().getExported() == 3);
    assertThat(exporter.batchSizes()).containsExactly(3);
  }

  // --- overflow ---

  @Test
  void queueOverflowDropsAndCountsExactly() throws InterruptedException {
    int queue = 20;
    int batch = 5;
    int total = 105;
    BatchSpanProcessor processor = processor(queue, batch, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);
    exporter.blockExports();

    // The worker takes exactly one full batch and blocks in the exporter...
    endSpans(tracer, batch);
    exporter.awaitExportStarted();
    // ...so the queue holds `queue` more and the rest is dropped.
    endSpans(tracer, total - batch);
    assertThat(processor.getStats().getQueued()).isEqualTo(queue);
    exporter.release();
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    ProcessorStats stats = processor.getStats();
    assertThat(stats.getDroppedQueueFull()).isEqualTo(total - batch - queue);
    assertThat(stats.getExported()).isEqualTo(batch + queue);
    assertThat(stats.getExported() + stats.getDropped()).isEqualTo(total);
    assertThat(stats.getQueued()).isZero();
    assertThat(exporter.spanCount()).isEqualTo(batch + queue);
  }

  @Test
  void appThreadsNeverBlockOnAStuckExporter() throws Exception {
    BatchSpanProcessor processor = processor(100, 10, 1);
    Tracer tracer = tracer(processor);
    exporter.blockExports();
    int threads = 4;
    int spansPerThread = 2500;

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> producers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        producers.add(pool.submit(() -> endSpans(tracer, spansPerThread)));
      }
      // Liveness, not speed: each producer finishes although the exporter never returns.
      for (Future<?> producer : producers) {
        producer.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    exporter.release();
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    ProcessorStats stats = processor.getStats();
    int total = threads * spansPerThread;
    assertThat(stats.getExported() + stats.getDroppedQueueFull()).isEqualTo(total);
    assertThat(stats.getDroppedQueueFull()).isGreaterThanOrEqualTo(total - 100 - 10);
  }

  // --- flush ---

  @Test
  void forceFlushExportsEverythingAndReturnsTrue() {
    BatchSpanProcessor processor = processor(2048, 512, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 1000);

    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.getStats().getExported()).isEqualTo(1000);
    assertThat(processor.getStats().getQueued()).isZero();
    assertThat(exporter.batchSizes()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(512));
  }

  @Test
  void forceFlushWithNothingQueuedReturnsTrue() {
    BatchSpanProcessor processor = processor(10, 5, ONE_HOUR_MILLIS);

    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.batches()).isEmpty();
  }

  @Test
  void forceFlushReturnsFalseWhenTheExporterDoesNotFinishInTime() throws InterruptedException {
    BatchSpanProcessor processor = processor(100, 5, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);
    exporter.blockExports();
    endSpans(tracer, 5);
    exporter.awaitExportStarted();

    assertThat(processor.forceFlush(10, TimeUnit.MILLISECONDS)).isFalse();

    exporter.release();
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.getStats().getExported()).isEqualTo(5);
  }

  @Test
  void aFlushRequestedDuringAnotherFlushWaitsForItsOwnSpans() throws Exception {
    BatchSpanProcessor processor = processor(100, 10, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);
    AtomicLong exportedWhenSecondFlushReturned = new AtomicLong(-1);
    AtomicBoolean secondFlushResult = new AtomicBoolean();
    Thread second =
        new Thread(
            () -> {
              endSpans(tracer, 3);
              secondFlushResult.set(processor.forceFlush(10, TimeUnit.SECONDS));
              exportedWhenSecondFlushReturned.set(processor.getStats().getExported());
            });
    AtomicBoolean first = new AtomicBoolean(true);
    // While the worker finishes the first flush, a second thread ends spans and asks for a flush.
    exporter.onFlush(
        () -> {
          if (first.getAndSet(false)) {
            second.start();
            Await.until(
                "the second flush to wait", () -> second.getState() == Thread.State.TIMED_WAITING);
          }
        });
    endSpans(tracer, 2);

    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    second.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(secondFlushResult.get()).isTrue();
    assertThat(exportedWhenSecondFlushReturned.get()).isEqualTo(5);
  }

  @Test
  void concurrentFlushesAllComplete() throws Exception {
    BatchSpanProcessor processor = processor(1000, 10, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> flushes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        flushes.add(
            pool.submit(
                () -> {
                  endSpans(tracer, 25);
                  return processor.forceFlush(10, TimeUnit.SECONDS);
                }));
      }
      for (Future<Boolean> flush : flushes) {
        assertThat(flush.get(20, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(processor.getStats().getExported()).isEqualTo(200);
  }

  // --- shutdown ---

  @Test
  void shutdownExportsWhatIsQueuedAndShutsTheExporterDown() {
    BatchSpanProcessor processor = processor(100, 10, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);
    endSpans(tracer, 25);

    assertThat(processor.shutdown(10, TimeUnit.SECONDS)).isTrue();

    assertThat(processor.getStats().getExported()).isEqualTo(25);
    assertThat(exporter.spanCount()).isEqualTo(25);
    assertThat(exporter.shutdownCalls()).isEqualTo(1);
  }

  @Test
  void shutdownIsIdempotent() {
    BatchSpanProcessor processor = processor(100, 10, ONE_HOUR_MILLIS);
    endSpans(tracer(processor), 3);

    assertThat(processor.shutdown(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.shutdown(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(exporter.shutdownCalls()).isEqualTo(1);
    assertThat(processor.getStats().getExported()).isEqualTo(3);
  }

  @Test
  void spansEndedAfterShutdownAreCountedAndNeverExported() {
    BatchSpanProcessor processor = processor(100, 10, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);
    endSpans(tracer, 4);
    assertThat(processor.shutdown(10, TimeUnit.SECONDS)).isTrue();

    endSpans(tracer, 6);
    processor.forceFlush(10, TimeUnit.SECONDS);

    ProcessorStats stats = processor.getStats();
    assertThat(stats.getDroppedAfterShutdown()).isEqualTo(6);
    assertThat(stats.getDroppedQueueFull()).isZero();
    assertThat(stats.getExported()).isEqualTo(4);
    assertThat(exporter.spanCount()).isEqualTo(4);
  }

  @Test
  void shutdownWithABlockedExporterGivesUpAndTheWorkerStillTerminates() throws Exception {
    BatchSpanProcessor processor = processor(100, 5, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);
    // The exporter stays blocked until the processor gives up: it shuts the exporter down and
    // interrupts the worker, either of which frees it.
    exporter.blockExports();
    endSpans(tracer, 5);
    exporter.awaitExportStarted();
    endSpans(tracer, 12);
    Thread worker = exporter.exportThread();

    assertThat(processor.shutdown(50, TimeUnit.MILLISECONDS)).isFalse();

    worker.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(worker.isAlive()).isFalse();
    assertThat(exporter.shutdownCalls()).isPositive();
    assertThat(processor.shutdown(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    // Every span is accounted for once the worker has stopped; none is left waiting forever.
    ProcessorStats stats = processor.getStats();
    assertThat(stats.getExported() + stats.getDropped() + stats.getFailed()).isEqualTo(17);
    assertThat(stats.getQueued()).isZero();
  }

  @Test
  void aShutdownThatRunsOutOfTimeDropsWhatItHadNotHandedToTheExporter() throws Exception {
    BatchSpanProcessor processor = processor(100, 5, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);
    exporter.blockExports();
    endSpans(tracer, 5);
    exporter.awaitExportStarted();
    endSpans(tracer, 12);
    Thread worker = exporter.exportThread();

    assertThat(processor.shutdown(50, TimeUnit.MILLISECONDS)).isFalse();

    worker.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(worker.isAlive()).isFalse();
    // The batch in flight belongs to the exporter (freed by its shutdown, it reports success
    // here); the 12 spans still queued never reach it and count as dropped after shutdown.
    assertThat(exporter.batchSizes()).containsExactly(5);
    ProcessorStats stats = processor.getStats();
    assertThat(stats.getExported() + stats.getFailed()).isEqualTo(5);
    assertThat(stats.getDroppedAfterShutdown()).isEqualTo(12);
    assertThat(stats.getQueued()).isZero();
  }

  // --- failures ---

  @Test
  void anExporterThatThrowsFailsItsBatchAndThePipelineContinues() {
    AtomicInteger calls = new AtomicInteger();
    exporter.respondWith(
        batch -> {
          if (calls.getAndIncrement() == 0) {
            throw new IllegalStateException("backend exploded");
          }
          return ExportResult.success();
        });
    BatchSpanProcessor processor = processor(100, 4, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 4);
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    endSpans(tracer, 6);
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    ProcessorStats stats = processor.getStats();
    assertThat(stats.getFailed()).isEqualTo(4);
    assertThat(stats.getExported()).isEqualTo(6);
  }

  @Test
  void anExporterThatThrowsAnErrorDoesNotStopTheWorker() {
    AtomicInteger calls = new AtomicInteger();
    exporter.respondWith(
        batch -> {
          if (calls.getAndIncrement() == 0) {
            throw new NoClassDefFoundError("okhttp3/Call");
          }
          return ExportResult.success();
        });
    BatchSpanProcessor processor = processor(100, 3, ONE_HOUR_MILLIS);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 3);
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    endSpans(tracer, 2);
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(processor.getStats().getFailed()).isEqualTo(3);
    assertThat(processor.getStats().getExported()).isEqualTo(2);
  }

  @Test
  void partialFailuresAreCounted() {
    exporter.respondWith(batch -> ExportResult.failed(2));
    BatchSpanProcessor processor = processor(100, 5, ONE_HOUR_MILLIS);

    endSpans(tracer(processor), 5);
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(processor.getStats().getFailed()).isEqualTo(2);
    assertThat(processor.getStats().getExported()).isEqualTo(3);
  }

  @Test
  void moreFailuresThanSpansCountTheWholeBatchOnce() {
    exporter.respondWith(batch -> ExportResult.failed(1000));
    BatchSpanProcessor processor = processor(100, 5, ONE_HOUR_MILLIS);

    endSpans(tracer(processor), 4);
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(processor.getStats().getFailed()).isEqualTo(4);
    assertThat(processor.getStats().getExported()).isZero();
  }

  @Test
  void aNullResultCountsTheBatchAsFailed() {
    exporter.respondWith(batch -> null);
    BatchSpanProcessor processor = processor(100, 5, ONE_HOUR_MILLIS);

    endSpans(tracer(processor), 3);
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(processor.getStats().getFailed()).isEqualTo(3);
    assertThat(processor.getStats().getExported()).isZero();
  }

  // --- worker and builder ---

  @Test
  void workerIsANamedDaemonThreadWithoutContextClassLoader() throws InterruptedException {
    BatchSpanProcessor processor = processor(10, 1, ONE_HOUR_MILLIS);
    endSpans(tracer(processor), 1);
    exporter.awaitExportStarted();

    Thread worker = exporter.exportThread();
    assertThat(worker.getName()).matches("tracekit-span-exporter-\\d+");
    assertThat(worker.isDaemon()).isTrue();
    assertThat(worker.getContextClassLoader()).isNull();
  }

  @Test
  void builderRefusesNonPositiveSizesAndNegativeDelays() {
    BatchSpanProcessor.Builder builder = BatchSpanProcessor.builder(exporter);

    assertThatThrownBy(() -> builder.setMaxQueueSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxQueueSize");
    assertThatThrownBy(() -> builder.setMaxExportBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxExportBatchSize");
    assertThatThrownBy(() -> builder.setScheduleDelay(-1, TimeUnit.MILLISECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scheduleDelay");
    assertThatThrownBy(() -> BatchSpanProcessor.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("exporter");
  }

  @Test
  void defaultsMatchTheDocumentation() {
    BatchSpanProcessor processor = BatchSpanProcessor.builder(exporter).build();
    processors.add(processor);

    assertThat(processor.getMaxQueueSize()).isEqualTo(8192);
    assertThat(processor.toString())
        .contains("maxQueueSize=8192", "maxExportBatchSize=512", "scheduleDelayMillis=1000");
  }
}

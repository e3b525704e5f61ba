package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.compat.core.trace.ProcessorStats;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.SpanProcessor;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A {@link BatchSpanProcessor} with more than one export in flight ({@link ExportHelpers}). */
class ConcurrentExportsTest {
  private static final long ONE_HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

  private final GatedExporter exporter = new GatedExporter();
  private final List<BatchSpanProcessor> processors = new ArrayList<>();

  @AfterEach
  void shutDownProcessors() {
    exporter.openAll();
    for (BatchSpanProcessor processor : processors) {
      processor.shutdown(10, TimeUnit.SECONDS);
    }
  }

  private BatchSpanProcessor processor(
      SpanExporter spanExporter, int maxQueueSize, int batchSize, int concurrentExports) {
    BatchSpanProcessor processor =
        BatchSpanProcessor.builder(spanExporter)
            .setMaxQueueSize(maxQueueSize)
            .setMaxExportBatchSize(batchSize)
            .setScheduleDelay(ONE_HOUR_MILLIS, TimeUnit.MILLISECONDS)
            .setMaxConcurrentExports(concurrentExports)
            .build();
    processors.add(processor);
    return processor;
  }

  private static void endSpans(Tracer tracer, int count) {
    for (int i = 0; i < count; i++) {
      tracer.spanBuilder("span-" + i).setNoParent().startDetached().end();
    }
  }

  private static Tracer tracer(SpanProcessor processor) {
    return Tracer.builder().setSpanProcessor(processor).build();
  }

  @Test
  void aSecondFullBatchIsExportedWhileTheFirstIsStillInFlight() throws Exception {
    BatchSpanProcessor processor = processor(exporter, 100, 10, 2);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 10);
    Export first = exporter.awaitExport();
    endSpans(tracer, 10);
    Export second = exporter.awaitExport();

    // Both are in flight at once, on two threads.
    assertThat(first.thread).isNotSameAs(second.thread);
    assertThat(second.thread.getName()).matches("tracekit-span-exporter-\\d+");
    assertThat(second.thread.isDaemon()).isTrue();
    first.open();
    second.open();
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.getStats().getExported()).isEqualTo(20);
  }

  @Test
  void withOneExportAtATimeASecondBatchWaitsForTheFirst() throws Exception {
    BatchSpanProcessor processor = processor(exporter, 100, 10, 1);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 10);
    Export first = exporter.awaitExport();
    endSpans(tracer, 10);
    // The second batch stays queued while the first export is in flight.
    assertThat(processor.getStats().getQueued()).isEqualTo(10);
    assertThat(exporter.started()).isEqualTo(1);

    first.open();
    exporter.openAll();
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.getStats().getExported()).isEqualTo(20);
  }

  @Test
  void noMoreExportsAreInFlightThanAllowed() throws Exception {
    BatchSpanProcessor processor = processor(exporter, 100, 10, 3);
    Tracer tracer = tracer(processor);

    endSpans(tracer, 10);
    List<Export> inFlight = new ArrayList<>();
    inFlight.add(exporter.awaitExport());
    endSpans(tracer, 10);
    inFlight.add(exporter.awaitExport());
    endSpans(tracer, 10);
    inFlight.add(exporter.awaitExport());
    endSpans(tracer, 50);

    // Three exports hold three batches; the other 50 spans wait in the queue for one to end.
    assertThat(exporter.started()).isEqualTo(3);
    assertThat(processor.getStats().getQueued()).isEqualTo(50);
    inFlight.get(0).open();
    Export fourth = exporter.awaitExport();
    assertThat(exporter.started()).isEqualTo(4);
    exporter.openAll();
    fourth.open();
    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.getStats().getExported()).isEqualTo(80);
    assertThat(exporter.maxInFlight()).isEqualTo(3);
  }

  @Test
  void helpersSendOnlyFullBatchesAndTheWorkerSendsTheRest() throws Exception {
    exporter.openAll();
    BatchSpanProcessor processor = processor(exporter, 1000, 10, 3);
    Tracer tracer = tracer(processor);
    ExecutorService producers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(producers.submit(() -> endSpans(tracer, 2_503)));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      producers.shutdownNow();
    }

    assertThat(processor.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    ProcessorStats stats = processor.getStats();
    assertThat(stats.getExported() + stats.getDroppedQueueFull()).isEqualTo(4 * 2_503);
    Thread worker = exporter.workerThread();
    for (Export export : exporter.exports) {
      if (export.thread != worker) {
        assertThat(export.spans).hasSize(10);
      } else {
        assertThat(export.spans.size()).isBetween(1, 10);
      }
    }
  }

  @Test
  void manyProducersLoseNothingAndExportNothingTwice() throws Exception {
    exporter.openAll();
    BatchSpanProcessor processor = processor(exporter, 64, 8, 4);
    Tracer tracer = tracer(processor);
    int threads = 4;
    int perThread = 5_000;
    ExecutorService producers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(producers.submit(() -> endSpans(tracer, perThread)));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      producers.shutdownNow();
    }
    assertThat(processor.shutdown(10, TimeUnit.SECONDS)).isTrue();

    ProcessorStats stats = processor.getStats();
    assertThat(stats.getExported() + stats.getDroppedQueueFull()).isEqualTo(threads * perThread);
    assertThat(stats.getQueued()).isZero();
    Set<SpanData> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    long exportedSpans = 0;
    for (Export export : exporter.exports) {
      distinct.addAll(export.spans);
      exportedSpans += export.spans.size();
    }
    assertThat(exportedSpans).isEqualTo(stats.getExported());
    assertThat(distinct).hasSize((int) exportedSpans);
    assertThat(exporter.maxInFlight()).isBetween(1, 4);
  }

  @Test
  void aFlushWaitsForTheBatchAHelperIsStillExporting() throws Exception {
    BatchSpanProcessor processor = processor(exporter, 100, 10, 2);
    Tracer tracer = tracer(processor);
    // A first flush shows which thread is the worker (the one that flushes the exporter).
    endSpans(tracer, 1);
    CompletableFuture<Boolean> firstFlush =
        CompletableFuture.supplyAsync(() -> processor.forceFlush(10, TimeUnit.SECONDS));
    exporter.awaitExport().open();
    assertThat(firstFlush.get(10, TimeUnit.SECONDS)).isTrue();
    Thread worker = exporter.workerThread();

    endSpans(tracer, 10);
    Export a = exporter.awaitExport();
    endSpans(tracer, 10);
    Export b = exporter.awaitExport();
    Export workerExport = a.thread == worker ? a : b;
    Export helperExport = a.thread == worker ? b : a;
    assertThat(helperExport.thread).isNotSameAs(worker);
    CountDownLatch workerFlushedItsPart = new CountDownLatch(1);
    exporter.onFlush = workerFlushedItsPart::countDown;

    workerExport.open();
    CompletableFuture<Boolean> flush =
        CompletableFuture.supplyAsync(() -> processor.forceFlush(10, TimeUnit.SECONDS));
    assertThat(workerFlushedItsPart.await(10, TimeUnit.SECONDS)).isTrue();
    // The worker has exported everything it could and now waits for the helper's export.
    Await.until("the worker to wait for the helper", () -> worker.getState() == Thread.State.WAITING);
    assertThat(flush).isNotDone();

    helperExport.open();
    assertThat(flush.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.getStats().getExported()).isEqualTo(21);
  }

  @Test
  void shutdownShutsTheExporterDownOnlyAfterEveryExportEnded() throws Exception {
    BatchSpanProcessor processor = processor(exporter, 100, 10, 3);
    Tracer tracer = tracer(processor);
    endSpans(tracer, 10);
    Export first = exporter.awaitExport();
    endSpans(tracer, 10);
    Export second = exporter.awaitExport();
    endSpans(tracer, 7);

    CompletableFuture<Boolean> shutdown =
        CompletableFuture.supplyAsync(() -> processor.shutdown(10, TimeUnit.SECONDS));
    second.open();
    first.open();
    exporter.openAll();

    assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.inFlightAtShutdown).containsExactly(0);
    ProcessorStats stats = processor.getStats();
    assertThat(stats.getExported()).isEqualTo(27);
    assertThat(stats.getQueued()).isZero();
    // Every worker thread has ended.
    for (Export export : exporter.exports) {
      export.thread.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(export.thread.isAlive()).isFalse();
    }
  }

  @Test
  void aShutdownOutOfTimeStopsEveryThreadAndAccountsForEverySpan() throws Exception {
    BatchSpanProcessor processor = processor(exporter, 100, 5, 2);
    Tracer tracer = tracer(processor);
    endSpans(tracer, 5);
    Export first = exporter.awaitExport();
    endSpans(tracer, 5);
    Export second = exporter.awaitExport();
    endSpans(tracer, 12);

    // Neither export is ever opened: the exporter's shutdown and the interrupts end them.
    assertThat(processor.shutdown(50, TimeUnit.MILLISECONDS)).isFalse();

    for (Export export : new Export[] {first, second}) {
      export.thread.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(export.thread.isAlive()).isFalse();
    }
    assertThat(processor.shutdown(10, TimeUnit.SECONDS)).isTrue();
    ProcessorStats stats = processor.getStats();
    assertThat(stats.getExported() + stats.getFailed()).isEqualTo(10);
    assertThat(stats.getDroppedAfterShutdown()).isEqualTo(12);
    assertThat(stats.getQueued()).isZero();
  }

  @Test
  void builderRefusesFewerThanOneExportAndShowsTheSetting() {
    BatchSpanProcessor.Builder builder = BatchSpanProcessor.builder(exporter);

    assertThatThrownBy(() -> builder.setMaxConcurrentExports(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConcurrentExports");
    BatchSpanProcessor processor = builder.setMaxConcurrentExports(3).build();
    processors.add(processor);
    assertThat(processor.toString()).contains("maxConcurrentExports=3");
    BatchSpanProcessor byDefault = BatchSpanProcessor.builder(exporter).build();
    processors.add(byDefault);
    assertThat(byDefault.toString()).contains("maxConcurrentExports=1");
  }

  /** One call of {@link GatedExporter#export}, held until opened. */
  static final class Export {
    final Thread thread = Thread.currentThread();
    final List<SpanData> spans;
    final CountDownLatch gate = new CountDownLatch(1);

    Export(List<SpanData> spans) {
      this.spans = new ArrayList<>(spans);
    }

    void open() {
      gate.countDown();
    }
  }

  /**
   * Holds each export until the test opens it (or all), the exporter is shut down, or the thread
   * is interrupted; records every call and the most calls in flight at once.
   */
  static final class GatedExporter implements SpanExporter {
    final List<Export> exports = new CopyOnWriteArrayList<>();
    final List<Integer> inFlightAtShutdown = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Export> started = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch allOpen = new CountDownLatch(1);
    private final Map<Thread, Boolean> flushThreads = Collections.synchronizedMap(new IdentityHashMap<>());
    volatile Runnable onFlush = () -> {};

    @Override
    public ExportResult export(List<SpanData> spans) {
      Export export = new Export(spans);
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      exports.add(export);
      started.add(export);
      try {
        while (export.gate.getCount() > 0 && allOpen.getCount() > 0) {
          if (export.gate.await(5, TimeUnit.MILLISECONDS)) {
            break;
          }
          if (Thread.currentThread().isInterrupted()) {
            return ExportResult.failed(spans.size());
          }
        }
        return ExportResult.success();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExportResult.failed(spans.size());
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void flush() {
      flushThreads.put(Thread.currentThread(), Boolean.TRUE);
      onFlush.run();
    }

    @Override
    public void shutdown() {
      inFlightAtShutdown.add(inFlight.get());
      allOpen.countDown();
    }

    /** Lets every held and later export through. */
    void openAll() {
      allOpen.countDown();
    }

    /** Waits for the next export to start; fails after 10 s. */
    Export awaitExport() throws InterruptedException {
      Export export = started.poll(10, TimeUnit.SECONDS);
      if (export == null) {
        throw new AssertionError("No export started within 10 s; " + exports.size() + " so far");
      }
      return export;
    }

    int started() {
      return exports.size();
    }

    int maxInFlight() {
      return maxInFlight.get();
    }

    /** The thread that flushed the exporter: the processor's worker. */
    Thread workerThread() {
      synchronized (flushThreads) {
        assertThat(flushThreads).hasSize(1);
        return flushThreads.keySet().iterator().next();
      }
    }
  }
}

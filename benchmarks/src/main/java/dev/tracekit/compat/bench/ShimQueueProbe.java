package dev.tracekit.compat.bench;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.BatchSpanProcessor;
import dev.tracekit.compat.core.export.ExportResult;
import dev.tracekit.compat.core.export.SpanExporter;
import dev.tracekit.compat.core.trace.PipelineStats;
import dev.tracekit.compat.core.trace.SpanData;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures how much heap the shim's span queue holds at most, for spans of scenario (b) recorded
 * through the X-Ray API (shim class path only). The exporter is held blocked, so ended spans pile
 * up in a queue made large on purpose; the heap used after a full GC is read with {@code
 * QUEUE_LOW} and with {@code QUEUE_HIGH} spans waiting, and the difference divided by the
 * difference in spans is what one queued span retains. A queued span of the shim is a snapshot of
 * its entity; its attributes are worked out when the exporter reads it, so a span of the batch
 * being exported holds more: the exporter reads its batch (as marshaling does) between two heap
 * readings, and the difference divided by the batch is that extra. The bound for the default
 * settings is the default queue of queued spans plus, for each of the default concurrent
 * exports, the batch (512) of read spans it holds.
 */
final class ShimQueueProbe {
  private static final int QUEUE_LOW = 20_000;
  private static final int QUEUE_HIGH = 100_000;
  private static final int DEFAULT_MAX_QUEUE = BatchSpanProcessor.DEFAULT_MAX_QUEUE_SIZE;
  private static final int DEFAULT_BATCH = BatchSpanProcessor.DEFAULT_MAX_EXPORT_BATCH_SIZE;
  private static final int DEFAULT_CONCURRENT_EXPORTS = TraceKitConfig.DEFAULT_MAX_CONCURRENT_EXPORTS;

  private ShimQueueProbe() {}

  static Outcome run() throws InterruptedException {
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch wasRead = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SpanExporter blocked =
        new SpanExporter() {
          @Override
          public ExportResult export(List<SpanData> spans) {
            try {
              read.await(5, TimeUnit.MINUTES);
              // What marshaling reads of each span.
              for (SpanData span : spans) {
                span.getSpanContext();
                span.getName();
                span.forEachAttribute((key, value) -> {});
                span.getEvents();
                span.getStatusCode();
              }
              wasRead.countDown();
              release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return ExportResult.success();
          }

          @Override
          public void shutdown() {}
        };
    TraceKit.init(
        TraceKitConfig.builder()
            .setServiceName("queue-probe")
            .setSpanExporter(blocked)
            .setMaxQueueSize(QUEUE_HIGH + 1_000)
            .setMaxExportBatchSize(DEFAULT_BATCH)
            .setShutdownHook(false)
            .build());
    System.setProperty(SinkProperties.DAEMON_ADDRESS, "127.0.0.1:9");
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();

    // The first batch goes to the (blocked) exporter; later spans wait in the queue.
    record(recorder, DEFAULT_BATCH + QUEUE_LOW);
    awaitQueued(QUEUE_LOW);
    long unread = usedHeapAfterGc();
    read.countDown();
    wasRead.await(30, TimeUnit.SECONDS);
    long low = usedHeapAfterGc();
    record(recorder, QUEUE_HIGH - QUEUE_LOW);
    awaitQueued(QUEUE_HIGH);
    long high = usedHeapAfterGc();
    PipelineStats stats = TraceKit.getStats();
    release.countDown();

    long bytesPerSpan = Math.round((high - low) / (double) (QUEUE_HIGH - QUEUE_LOW));
    long readExtra = Math.max(0, Math.round((low - unread) / (double) DEFAULT_BATCH));
    return new Outcome()
        .put("contender", "shim-queue-probe")
        .put("queuedLow", QUEUE_LOW)
        .put("queuedHigh", stats.getSpansQueued())
        .put("droppedDuringProbe", stats.getSpansDropped())
        .put("heapLowBytes", low)
        .put("heapHighBytes", high)
        .put("heapUnreadBatchBytes", unread)
        .put("bytesPerQueuedSpan", bytesPerSpan)
        .put("bytesPerReadSpan", bytesPerSpan + readExtra)
        .put("defaultMaxQueue", DEFAULT_MAX_QUEUE)
        .put("defaultBatch", DEFAULT_BATCH)
        .put("defaultConcurrentExports", DEFAULT_CONCURRENT_EXPORTS)
        .put(
            "queueBoundBytes",
            bytesPerSpan * DEFAULT_MAX_QUEUE
                + (bytesPerSpan + readExtra) * DEFAULT_BATCH * DEFAULT_CONCURRENT_EXPORTS)
        .put(
            "method",
            "used heap after System.gc() with " + QUEUE_LOW + " vs " + QUEUE_HIGH
                + " spans of scenario (b) queued and the exporter's batch read, exporter blocked; bound ="
                + " bytes/queued span x " + DEFAULT_MAX_QUEUE + " queued + bytes/read span x "
                + DEFAULT_BATCH + " in each of the "
                + DEFAULT_CONCURRENT_EXPORTS
                + " batches being exported");
  }

  /** Records requests of scenario (b) until {@code spans} more spans have ended. */
  private static void record(AWSXRayRecorder recorder, int spans) {
    for (int i = 0; i < spans; i += 4) {
      XRayApiBenchmark.request(recorder);
    }
  }

  private static void awaitQueued(int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (TraceKit.getStats().getSpansQueued() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}

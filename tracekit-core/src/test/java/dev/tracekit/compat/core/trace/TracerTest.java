package dev.tracekit.compat.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.export.BatchSpanProcessor;
import dev.tracekit.compat.core.export.ExportResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// Spans in try-with-resources are current for the block, unreferenced on purpose.
@SuppressWarnings("try")
class TracerTest {

  @Test
  void everyEndedSpanIsExportedDroppedOrFailedAfterAFlush() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RecordingExporter exporter =
        new RecordingExporter()
            .respondWith(
                batch -> {
                  switch (calls.getAndIncrement() % 4) {
                    case 1:
                      return ExportResult.failed(1);
                    case 2:
                      throw new IllegalStateException("backend down");
                    default:
                      return ExportResult.success();
                  }
                });
    BatchSpanProcessor processor =
        BatchSpanProcessor.builder(exporter)
            .setMaxQueueSize(64)
            .setMaxExportBatchSize(16)
            .setScheduleDelay(1, TimeUnit.MILLISECONDS)
            .build();
    Tracer tracer =
        Tracer.builder()
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.5)))
            .setSpanProcessor(processor)
            .build();
    int threads = 4;
    int rootsPerThread = 2000;

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> producers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        producers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < rootsPerThread; i++) {
                    try (Span root = tracer.startSpan("root")) {
                      tracer.startSpan("child").close();
                    }
                  }
                }));
      }
      for (Future<?> producer : producers) {
        producer.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tracer.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    PipelineStats stats = tracer.getStats();
    long created = 2L * threads * rootsPerThread;
    assertThat(stats.getSpansStarted() + stats.getSpansUnsampled()).isEqualTo(created);
    assertThat(stats.getSpansEnded()).isEqualTo(stats.getSpansStarted());
    assertThat(stats.getSpansQueued()).isZero();
    assertThat(stats.getSpansEnded())
        .isEqualTo(stats.getSpansExported() + stats.getSpansDropped() + stats.getSpansFailed());
    // The mix really exercised each outcome.
    assertThat(stats.getSpansUnsampled()).isPositive();
    assertThat(stats.getSpansExported()).isPositive();
    assertThat(stats.getSpansFailed()).isPositive();
    assertThat(stats.getSpansDroppedQueueFull() + stats.getSpansExported())
        .isLessThanOrEqualTo(stats.getSpansEnded());
    tracer.shutdown(10, TimeUnit.SECONDS);
  }

  @Test
  void spansEndedAfterShutdownKeepTheInvariant() {
    RecordingExporter exporter = new RecordingExporter();
    Tracer tracer =
        Tracer.builder().setSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
    for (int i = 0; i < 10; i++) {
      tracer.spanBuilder("before").startDetached().end();
    }
    assertThat(tracer.shutdown(10, TimeUnit.SECONDS)).isTrue();

    for (int i = 0; i < 5; i++) {
      tracer.spanBuilder("after").startDetached().end();
    }
    assertThat(tracer.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    PipelineStats stats = tracer.getStats();
    assertThat(stats.getSpansEnded()).isEqualTo(15);
    assertThat(stats.getSpansExported()).isEqualTo(10);
    assertThat(stats.getSpansDroppedAfterShutdown()).isEqualTo(5);
    assertThat(stats.getSpansEnded())
        .isEqualTo(stats.getSpansExported() + stats.getSpansDropped() + stats.getSpansFailed());
  }

  @Test
  void aProcessorThatThrowsNeverReachesTheApp() {
    Tracer tracer = Tracer.builder().setSpanProcessor(new ThrowingProcessor()).build();

    Span span = tracer.spanBuilder("s").startDetached();
    span.end();

    assertThat(tracer.getStats().getSpansEnded()).isEqualTo(1);
  }

  @Test
  void withoutAProcessorFlushAndShutdownSucceed() {
    Tracer tracer = Tracer.builder().build();

    assertThat(tracer.forceFlush(1, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(tracer.shutdown(1, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(tracer.getStats().getSpansExported()).isZero();
  }

  private static final class ThrowingProcessor implements SpanProcessor {
    @Override
    public void onEnd(SpanData span) {
      throw new IllegalStateException("broken processor");
    }

    @Override
    public boolean forceFlush(long timeout, TimeUnit unit) {
      return true;
    }

    @Override
    public boolean shutdown(long timeout, TimeUnit unit) {
      return true;
    }

    @Override
    public ProcessorStats getStats() {
      return ProcessorStats.empty();
    }
  }
}

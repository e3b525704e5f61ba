package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.export.ExportResult;
import dev.tracekit.compat.core.export.SpanExporter;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How many exports {@link TraceKit#create} lets run at once: the OTLP exporter gets the configured
 * number (default 1), an exporter set in code one at a time, as the {@link SpanExporter} contract
 * promises.
 */
class TraceKitConcurrentExportsTest {
  private final MockWebServer server = new MockWebServer();
  private Tracer tracer;

  @AfterEach
  void shutDown() throws IOException {
    if (tracer != null) {
      tracer.shutdown(10, TimeUnit.SECONDS);
    }
    server.shutdown();
  }

  private static void endSpans(Tracer tracer, int count) {
    for (int i = 0; i < count; i++) {
      tracer.spanBuilder("span-" + i).setNoParent().startDetached().end();
    }
  }

  @Test
  void theOtlpExporterHasAsManyRequestsInFlightAsConfigured() throws Exception {
    // Each request is held until a second one arrives (or 10 s pass).
    CountDownLatch twoArrived = new CountDownLatch(2);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            twoArrived.countDown();
            twoArrived.await(10, TimeUnit.SECONDS);
            inFlight.decrementAndGet();
            return new MockResponse();
          }
        });
    server.start();
    tracer =
        TraceKit.create(
            TraceKitConfig.builder()
                .setEndpoint(server.url("/v1/traces").toString())
                .setMaxConcurrentExports(2)
                .setMaxExportBatchSize(10)
                .setScheduleDelay(1, TimeUnit.HOURS)
                .setShutdownHook(false)
                .build(ConfigSource.empty()));

    endSpans(tracer, 10);
    endSpans(tracer, 10);

    assertThat(twoArrived.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(tracer.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(maxInFlight.get()).isEqualTo(2);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anExporterSetInCodeIsCalledOneAtATimeEvenWhenMoreAreConfigured() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger spans = new AtomicInteger();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    SpanExporter oneAtATime =
        new SpanExporter() {
          @Override
          public ExportResult export(List<SpanData> batch) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            firstStarted.countDown();
            try {
              releaseFirst.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            spans.addAndGet(batch.size());
            inFlight.decrementAndGet();
            return ExportResult.success();
          }

          @Override
          public void shutdown() {}
        };
    tracer =
        TraceKit.create(
            TraceKitConfig.builder()
                .setSpanExporter(oneAtATime)
                .setMaxConcurrentExports(4)
                .setMaxExportBatchSize(10)
                .setScheduleDelay(1, TimeUnit.HOURS)
                .setShutdownHook(false)
                .build(ConfigSource.empty()));

    endSpans(tracer, 10);
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
    endSpans(tracer, 30);
    // Three more full batches wait in the queue while the first export is held.
    assertThat(tracer.getStats().getSpansQueued()).isEqualTo(30);
    releaseFirst.countDown();

    assertThat(tracer.forceFlush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(spans.get()).isEqualTo(40);
    assertThat(maxInFlight.get()).isEqualTo(1);
  }
}

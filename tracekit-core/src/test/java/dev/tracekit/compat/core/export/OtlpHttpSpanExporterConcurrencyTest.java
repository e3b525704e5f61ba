package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exporter called from several threads at once, as a processor with concurrent exports does:
 * each call is its own request, with its own body, and a shutdown ends them all.
 */
class OtlpHttpSpanExporterConcurrencyTest extends ExporterTestBase {

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void twoExportsAreInFlightAtOnceEachWithItsOwnSpans(boolean gzip) throws Exception {
    // The server answers neither request until both have arrived: exports serialized by the
    // exporter would never get there.
    CountDownLatch bothArrived = new CountDownLatch(2);
    AtomicBoolean arrivedTogether = new AtomicBoolean(true);
    List<RecordedRequest> requests = new ArrayList<>();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            synchronized (requests) {
              requests.add(request);
            }
            bothArrived.countDown();
            if (!bothArrived.await(10, TimeUnit.SECONDS)) {
              arrivedTogether.set(false);
            }
            return new MockResponse();
          }
        });
    OtlpHttpSpanExporter exporter = exporter(builder().setGzip(gzip).setNanoClock(System::nanoTime));
    List<SpanData> first = spans(300, 100);
    List<SpanData> second = spans(200, 100);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      Future<ExportResult> a = callers.submit(() -> exporter.export(first));
      Future<ExportResult> b = callers.submit(() -> exporter.export(second));

      assertThat(a.get(30, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(b.get(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      callers.shutdownNow();
    }

    assertThat(arrivedTogether).isTrue();
    assertThat(requests).hasSize(2);
    Set<Integer> sizes = new HashSet<>();
    for (RecordedRequest request : requests) {
      // Each body is whole and holds one caller's batch: no bytes of the other mixed in.
      int count = OtlpTestSupport.allSpans(OtlpTestSupport.parseRequest(request)).size();
      sizes.add(count);
      assertThat(request.getHeader("Content-Encoding")).isEqualTo(gzip ? "gzip" : null);
    }
    assertThat(sizes).containsExactlyInAnyOrder(300, 200);
  }

  @Test
  void manyCallersGetEveryRequestDeliveredWhole() throws Exception {
    for (int i = 0; i < 40; i++) {
      receiver.script(new MockResponse());
    }
    OtlpHttpSpanExporter exporter = exporter(builder().setNanoClock(System::nanoTime));
    List<List<SpanData>> batches = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      batches.add(spans(10 + i, 50));
    }
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<ExportResult>> results = new ArrayList<>();
      for (List<SpanData> batch : batches) {
        results.add(callers.submit(() -> exporter.export(batch)));
      }
      for (Future<ExportResult> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).isSuccess()).isTrue();
      }
    } finally {
      callers.shutdownNow();
    }

    Set<Integer> sizes = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
      sizes.add(OtlpTestSupport.allSpans(OtlpTestSupport.parseRequest(request)).size());
    }
    assertThat(sizes).hasSize(40).contains(10, 49);
    assertThat(receiver.checkedPayloads()).isEqualTo(40);
  }

  @Test
  void shutdownCancelsEveryRequestInFlight() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    OtlpHttpSpanExporter exporter =
        exporter(builder().setNanoClock(System::nanoTime).setTimeout(1, TimeUnit.MINUTES));
    List<SpanData> first = spans(2);
    List<SpanData> second = spans(3);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      Future<ExportResult> a = callers.submit(() -> exporter.export(first));
      Future<ExportResult> b = callers.submit(() -> exporter.export(second));
      assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
      assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();

      exporter.shutdown();

      assertThat(a.get(10, TimeUnit.SECONDS)).extracting(ExportResult::getFailedSpans).isEqualTo(2);
      assertThat(b.get(10, TimeUnit.SECONDS)).extracting(ExportResult::getFailedSpans).isEqualTo(3);
      assertThat(server.getRequestCount()).isEqualTo(2);
    } finally {
      callers.shutdownNow();
    }
  }
}

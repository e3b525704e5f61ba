package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exports in flight at once each take a connection of their own (HTTP/1.1). Between exports the
 * exporter's pool keeps them all, so that concurrent exports do not reconnect (a TCP and a TLS
 * handshake each) round after round. Against a real receiver on loopback that answers the exports
 * of a round together, so that all of them are in flight at once.
 */
class OtlpHttpSpanExporterConnectionPoolTest extends ExporterTestBase {
  private static final int ROUNDS = 5;

  @ParameterizedTest(name = "{0} exports in flight")
  @ValueSource(ints = {4, BatchSpanProcessor.MAX_CONCURRENT_EXPORTS_LIMIT})
  void concurrentExportsReuseTheirConnectionsRoundAfterRound(int inFlight) throws Exception {
    try (LoopbackOtlpReceiver grouping = LoopbackOtlpReceiver.start().answerInGroupsOf(inFlight)) {
      OtlpHttpSpanExporter exporter = exporter(builder().setEndpoint(grouping.endpoint()));
      List<SpanData> batch = spans(3);
      ExecutorService threads = Executors.newFixedThreadPool(inFlight);
      try {
        for (int round = 0; round < ROUNDS; round++) {
          List<Future<ExportResult>> results = new ArrayList<>();
          for (int i = 0; i < inFlight; i++) {
            results.add(threads.submit(() -> exporter.export(batch)));
          }
          for (Future<ExportResult> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS).isSuccess()).isTrue();
          }
        }
      } finally {
        threads.shutdownNow();
      }

      assertThat(grouping.requests()).isEqualTo((long) ROUNDS * inFlight);
      assertThat(grouping.maxOpenConnections()).isEqualTo(inFlight);
      assertThat(grouping.connectionsAccepted()).isEqualTo(inFlight);
    }
  }
}

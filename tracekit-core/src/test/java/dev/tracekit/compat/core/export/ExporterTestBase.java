package dev.tracekit.compat.core.export;

import static dev.tracekit.compat.core.export.OtlpTestSupport.allSpans;
import static dev.tracekit.compat.core.export.OtlpTestSupport.bytesToHex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.export.OtlpTestSupport.FakeTime;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up for exporter tests: the kit's {@link ScriptedOtlpReceiver} on loopback, fake time for retry waits, real
 * spans from a {@link Tracer}, and proto-checked reading of what the server received.
 */
abstract class ExporterTestBase {
  static final String API_KEY = TestSecrets.API_KEY;
  static final long WALL_CLOCK_MILLIS = 1_700_000_000_000L;
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  final CollectingSpanProcessor processor = new CollectingSpanProcessor();
  final Tracer tracer = Tracer.builder().setSpanProcessor(processor).build();
  final FakeTime time = new FakeTime();
  final List<OtlpHttpSpanExporter> exporters = new ArrayList<>();
  final ScriptedOtlpReceiver receiver = new ScriptedOtlpReceiver();
  MockWebServer server;

  @BeforeEach
  void setUp() throws IOException {
    server = receiver.start().server();
  }

  @AfterEach
  void tearDown() throws IOException {
    for (OtlpHttpSpanExporter exporter : exporters) {
      exporter.shutdown();
    }
    receiver.close();
    receiver.assertEveryPayloadWasValid();
  }

  /** A builder aimed at the mock server, with fake time, a fixed jitter of 0.5 and the API key. */
  OtlpHttpSpanExporter.Builder builder() {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint(server.url("/v1/traces").toString())
        .setApiKey(API_KEY)
        .setSleeper(time)
        .setNanoClock(time)
        .setWallClock(() -> WALL_CLOCK_MILLIS)
        .setJitter(() -> 0.5);
  }

  OtlpHttpSpanExporter exporter(OtlpHttpSpanExporter.Builder builder) {
    OtlpHttpSpanExporter exporter = builder.build();
    exporters.add(exporter);
    return exporter;
  }

  List<SpanData> spans(int count) {
    return spans(count, 0);
  }

  /** Returns {@code count} ended spans named span-N, each with a string attribute this long. */
  List<SpanData> spans(int count, int padding) {
    char[] chars = new char[padding];
    Arrays.fill(chars, 'x');
    String pad = new String(chars);
    int before = processor.spans().size();
    for (int i = 0; i < count; i++) {
      Span span = tracer.spanBuilder("span-" + i).setNoParent().startDetached();
      if (padding > 0) {
        span.setAttribute("padding", pad);
      }
      span.end();
    }
    List<SpanData> all = processor.spans();
    return new ArrayList<>(all.subList(before, all.size()));
  }

  /** Returns the names of {@code spans}, in order. */
  static List<String> names(List<SpanData> spans) {
    List<String> names = new ArrayList<>();
    for (SpanData span : spans) {
      names.add(span.getName());
    }
    return names;
  }

  /** Returns the span names of a request parsed with the proto; fails on a repeated span id. */
  static List<String> spanNames(RecordedRequest request) {
    ExportTraceServiceRequest parsed = OtlpTestSupport.parseRequest(request);
    List<String> names = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (io.opentelemetry.proto.trace.v1.Span span : allSpans(parsed)) {
      names.add(span.getName());
      assertThat(ids.add(bytesToHex(span.getSpanId()))).isTrue();
    }
    return names;
  }
}

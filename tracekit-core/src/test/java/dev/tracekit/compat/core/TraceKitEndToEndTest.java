package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.export.LogCapture;
import dev.tracekit.compat.core.export.OtlpTestSupport;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.PipelineStats;
import dev.tracekit.compat.core.trace.Tracer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline through the public API: {@code TraceKit.init} with options, spans on app
 * threads, the batch processor, and the OTLP exporter posting to a real loopback server, whose
 * payload the official proto parses.
 */
class TraceKitEndToEndTest {
  private static final String API_KEY = TestSecrets.apiKey("e2e");

  private final ScriptedOtlpReceiver receiver = new ScriptedOtlpReceiver();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = receiver.start().server();
  }

  @AfterEach
  void stop() throws Exception {
    TraceKit.shutdown();
    receiver.close();
    receiver.assertEveryPayloadWasValid();
  }

  @Test
  void spansArriveAsOneValidOtlpRequestWithTheConfiguredResource() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200).setBody("{}"));
    TraceKit.init(
        API_KEY,
        TraceKit.withEndpoint(server.url("/v1/traces").toString()),
        TraceKit.withService("checkout"),
        TraceKit.withServiceVersion("2.4.1"),
        TraceKit.withEnvironment("staging"),
        TraceKit.withShutdownHook(false));

    String rootSpanId;
    String traceId;
    ExecutorService pool = TraceKit.wrap(Executors.newSingleThreadExecutor());
    try (Span root = TraceKit.spanBuilder("GET /cart").setSpanKind(dev.tracekit.compat.core.api.SpanKind.SERVER).start()) {
      rootSpanId = root.getSpanContext().getSpanId();
      traceId = root.getSpanContext().getTraceId();
      root.setAttribute("http.request.method", "GET");
      try (Span child = TraceKit.startSpan("load-cart")) {
        child.setAttribute("cart.items", 3);
        child.setAttribute("cart.skus", new String[] {"a", "b"});
        child.recordException(new IllegalStateException("cache cold"));
      }
      pool.submit(() -> TraceKit.startSpan("on-pool").close()).get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdown();
    }

    assertThat(TraceKit.flush()).isTrue();
    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getHeader("X-API-Key")).isEqualTo(API_KEY);
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-protobuf");

    ExportTraceServiceRequest payload = OtlpTestSupport.parseRequest(request);
    assertThat(payload.getResourceSpansCount()).isEqualTo(1);
    Map<String, AnyValue> resource = toMap(payload.getResourceSpans(0).getResource().getAttributesList());
    assertThat(resource.get("service.name").getStringValue()).isEqualTo("checkout");
    assertThat(resource.get("service.version").getStringValue()).isEqualTo("2.4.1");
    assertThat(resource.get("deployment.environment.name").getStringValue()).isEqualTo("staging");
    assertThat(resource.get("deployment.environment").getStringValue()).isEqualTo("staging");
    assertThat(resource.get("telemetry.sdk.language").getStringValue()).isEqualTo("java");
    assertThat(resource.get("telemetry.sdk.name").getStringValue()).isEqualTo("tracekit-xray-compat");
    assertThat(resource.get("telemetry.sdk.version").getStringValue()).isNotEmpty();
    assertThat(resource.get("host.name").getStringValue()).isNotEmpty();
    assertThat(resource.get("process.pid").getIntValue()).isPositive();

    List<io.opentelemetry.proto.trace.v1.Span> spans = OtlpTestSupport.allSpans(payload);
    assertThat(spans).extracting(io.opentelemetry.proto.trace.v1.Span::getName)
        .containsExactlyInAnyOrder("GET /cart", "load-cart", "on-pool");
    for (io.opentelemetry.proto.trace.v1.Span span : spans) {
      assertThat(OtlpTestSupport.bytesToHex(span.getTraceId())).isEqualTo(traceId);
      assertThat(span.getEndTimeUnixNano()).isGreaterThanOrEqualTo(span.getStartTimeUnixNano());
    }
    io.opentelemetry.proto.trace.v1.Span root = byName(spans, "GET /cart");
    assertThat(root.getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(root.getParentSpanId().isEmpty()).isTrue();
    io.opentelemetry.proto.trace.v1.Span child = byName(spans, "load-cart");
    assertThat(OtlpTestSupport.bytesToHex(child.getParentSpanId())).isEqualTo(rootSpanId);
    assertThat(child.getKind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(child.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(child.getStatus().getMessage()).isEqualTo("cache cold");
    assertThat(child.getEvents(0).getName()).isEqualTo("exception");
    Map<String, AnyValue> childAttributes = toMap(child.getAttributesList());
    assertThat(childAttributes.get("cart.items").getIntValue()).isEqualTo(3);
    assertThat(childAttributes.get("cart.skus").getArrayValue().getValuesList())
        .extracting(AnyValue::getStringValue)
        .containsExactly("a", "b");
    io.opentelemetry.proto.trace.v1.Span onPool = byName(spans, "on-pool");
    assertThat(OtlpTestSupport.bytesToHex(onPool.getParentSpanId())).isEqualTo(rootSpanId);

    PipelineStats stats = TraceKit.getStats();
    assertThat(stats.getSpansEnded()).isEqualTo(3);
    assertThat(stats.getSpansExported()).isEqualTo(3);
    assertThat(stats.getSpansDropped()).isZero();
    assertThat(stats.getSpansFailed()).isZero();
  }

  @Test
  void apiKeyNeverAppearsInLogOutputEvenWhenExportsFail() throws Exception {
    // Everything that can log does so here (LogCapture opens FINE): a failing backend, a retry,
    // a body that quotes the key, and shutdown.
    try (LogCapture logs = new LogCapture()) {
      server.enqueue(new MockResponse().setResponseCode(503).setBody("key " + API_KEY + " over quota"));
      server.enqueue(new MockResponse().setResponseCode(401).setBody("bad key " + API_KEY));
      Tracer tracerRef =
          TraceKit.init(
              API_KEY,
              TraceKit.withEndpoint(server.url("/v1/traces?token=abc").toString()),
              TraceKit.withExportTimeout(5, TimeUnit.SECONDS),
              TraceKit.withShutdownHook(false));
      TraceKit.startSpan("failing").close();
      TraceKit.flush();
      assertThat(TraceKit.getStats().getSpansFailed()).isEqualTo(1);

      List<String> texts = new ArrayList<>(logs.formatted());
      texts.add(tracerRef.toString());
      texts.add(TraceKit.tracer().toString());
      assertThat(logs.records()).as("the failure was logged").isNotEmpty();
      assertThat(String.join("\n", texts)).doesNotContain(API_KEY);
    }
  }

  @Test
  void reinitReplacesThePipelineAndShutsDownTheOldOne() {
    server.enqueue(new MockResponse().setResponseCode(200).setBody("{}"));
    Tracer first =
        TraceKit.init(
            API_KEY,
            TraceKit.withEndpoint(server.url("/v1/traces").toString()),
            TraceKit.withShutdownHook(false));
    Span startedBefore = TraceKit.startSpan("before-reinit");
    Tracer second = TraceKit.init(null, TraceKit.withExporter(ExporterType.NONE), TraceKit.withShutdownHook(false));

    startedBefore.end();
    assertThat(TraceKit.tracer()).isSameAs(second);
    assertThat(first.getStats().getSpansDroppedAfterShutdown()).isEqualTo(1);
    try (Span after = TraceKit.startSpan("after")) {
      assertThat(after.isRecording()).isFalse();
    }
  }

  private static io.opentelemetry.proto.trace.v1.Span byName(
      List<io.opentelemetry.proto.trace.v1.Span> spans, String name) {
    for (io.opentelemetry.proto.trace.v1.Span span : spans) {
      if (span.getName().equals(name)) {
        return span;
      }
    }
    throw new AssertionError("no span named " + name);
  }

  private static Map<String, AnyValue> toMap(List<KeyValue> attributes) {
    Map<String, AnyValue> map = new HashMap<>();
    for (KeyValue kv : attributes) {
      map.put(kv.getKey(), kv.getValue());
    }
    return map;
  }
}

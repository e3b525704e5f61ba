package dev.tracekit.compat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Scope;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.export.BatchSpanProcessor;
import dev.tracekit.compat.core.export.OtlpHttpSpanExporter;
import dev.tracekit.compat.core.export.OtlpProtocol;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.Tracer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource.Builder;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OtlpCollectorTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final OkHttpClient HTTP = new OkHttpClient();
  private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
  private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";

  private OtlpCollector collector;

  @BeforeEach
  void start() {
    collector = OtlpCollector.start();
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void endpointIsTheLoopbackTracesUrl() {
    assertThat(collector.getEndpoint())
        .isEqualTo("http://127.0.0.1:" + collector.getPort() + "/v1/traces");
  }

  @ParameterizedTest
  @EnumSource(OtlpProtocol.class)
  void decodesWhatTraceKitExports(OtlpProtocol protocol) {
    exportTwoSpans(protocol, false);

    List<ReceivedSpan> spans = collector.awaitSpans(2, WAIT);
    assertThat(spans).extracting(ReceivedSpan::getName).containsExactlyInAnyOrder("GET /orders", "SELECT");
    ReceivedSpan root = collector.span("GET /orders");
    ReceivedSpan child = collector.span("SELECT");
    assertThat(root.isRoot()).isTrue();
    assertThat(root.getParentSpanId()).isEmpty();
    assertThat(root.getTraceId()).matches("[0-9a-f]{32}");
    assertThat(root.getSpanId()).matches("[0-9a-f]{16}");
    assertThat(child.getTraceId()).isEqualTo(root.getTraceId());
    assertThat(child.getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(root.getKind()).isEqualTo(ReceivedSpan.Kind.SERVER);
    assertThat(child.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(root.getAttributes())
        .containsEntry("http.status_code", 500L)
        .containsEntry("cached", false)
        .containsEntry("ratio", 0.5)
        .containsEntry("tags", Arrays.asList("a", "b"));
    assertThat(root.getEvents()).hasSize(1);
    assertThat(root.getEvents().get(0).getName()).isEqualTo("retry");
    assertThat(root.getEvents().get(0).getAttributes()).containsEntry("attempt", 2L);
    assertThat(root.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.ERROR);
    assertThat(root.getStatusMessage()).isEqualTo("boom");
    assertThat(child.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.UNSET);
    assertThat(root.getEndEpochNanos()).isGreaterThanOrEqualTo(root.getStartEpochNanos());
    assertThat(root.getResourceAttributes()).containsEntry("service.name", "orders");
    assertThat(root.getProto().getName()).isEqualTo("GET /orders");
    assertThat(collector.children(root)).containsExactly(child);
    assertThat(collector.trace(root.getTraceId())).containsExactlyInAnyOrder(root, child);

    ReceivedRequest request = collector.requests().get(0);
    assertThat(request.getContentType()).isEqualTo(protocol.getContentType());
    assertThat(request.isGzip()).isFalse();
    assertThat(request.getHeader("X-API-Key")).isEqualTo(TestSecrets.API_KEY);
    assertThat(request.getHeaders()).containsKey("x-api-key");
    assertThat(request.toString()).doesNotContain(TestSecrets.API_KEY);
    assertThat(collector.rejectedRequests()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(OtlpProtocol.class)
  void decodesGzippedBodiesExportedByTraceKit(OtlpProtocol protocol) {
    exportTwoSpans(protocol, true);

    collector.awaitSpans(2, WAIT);
    ReceivedRequest request = collector.requests().get(0);
    assertThat(request.isGzip()).isTrue();
    assertThat(request.getSpans()).extracting(ReceivedSpan::getName).contains("GET /orders", "SELECT");
    assertThat(collector.span("SELECT").getParentSpanId()).isEqualTo(collector.span("GET /orders").getSpanId());
  }

  @Test
  void receivesWhatTraceKitInitSendsWithItsApiKeyAndResource() {
    TraceKit.init(
        TraceKitConfig.builder()
            .setEndpoint(collector.getEndpoint())
            .setApiKey(TestSecrets.API_KEY)
            .setServiceName("checkout")
            .setShutdownHook(false)
            .build());
    try {
      TraceKit.startSpan("work").end();
      assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      TraceKit.shutdown();
    }

    assertThat(collector.awaitSpans(1, WAIT).get(0).getResourceAttributes())
        .containsEntry("service.name", "checkout");
    assertThat(collector.requests().get(0).getHeader("x-api-key")).isEqualTo(TestSecrets.API_KEY);
  }

  @Test
  void decodesProtobufBodiesPlainAndGzipped() throws IOException {
    byte[] body = sampleRequest().toByteArray();
    try (Response response = post("application/x-protobuf", body, false)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("application/x-protobuf");
    }
    try (Response response = post("application/x-protobuf", gzip(body), true)) {
      assertThat(response.code()).isEqualTo(200);
    }

    assertThat(collector.spans()).hasSize(6);
    assertThat(collector.requests()).extracting(ReceivedRequest::isGzip).containsExactly(false, true);
    assertThat(collector.requests().get(0).getRequest()).isEqualTo(sampleRequest());
    ReceivedSpan root = collector.spansNamed("root").get(0);
    assertThat(root.getTraceId()).isEqualTo(TRACE_A);
    assertThat(root.getSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(root.getKind()).isEqualTo(ReceivedSpan.Kind.SERVER);
    assertThat(root.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.OK);
    assertThat(root.getScopeName()).isEqualTo("test-scope");
    assertThat(root.getResourceAttributes()).containsEntry("service.name", "proto-service");
    assertThat(root.getAttribute("nested"))
        .isEqualTo(java.util.Collections.singletonMap("inner", Arrays.asList(1L, true)));
    assertThat(root.getAttribute("raw")).isEqualTo(ByteString.copyFromUtf8("xyz"));
    assertThat(root.getAttribute("absent")).isNull();
  }

  @Test
  void answersJsonWithAnEmptyObject() throws IOException {
    String json = "{\"resourceSpans\":[]}";
    try (Response response = post("application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), false)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("{}");
    }
    assertThat(collector.requests()).hasSize(1);
  }

  @Test
  void rejectsMalformedPayloadsWith400AndKeepsServing() throws IOException {
    assertThat(postJson("{not json")).isEqualTo(400);
    assertThat(postJson(oneSpanJson("0AF7651916CD43DD8448EB211C80319C", "00f067aa0ba902b7"))).isEqualTo(400);
    assertThat(postJson(oneSpanJson(TRACE_A, "00f067aa0ba902"))).isEqualTo(400);
    assertThat(postJson("{\"resourceSpans\":[],\"unknownField\":1}")).isEqualTo(400);
    try (Response response = post("application/json", "not gzip".getBytes(StandardCharsets.UTF_8), true)) {
      assertThat(response.code()).isEqualTo(400);
    }
    try (Response response = post("application/x-protobuf", new byte[] {(byte) 0xff, (byte) 0xff}, false)) {
      assertThat(response.code()).isEqualTo(400);
    }

    List<RejectedRequest> rejected = collector.rejectedRequests();
    assertThat(rejected).hasSize(6).allSatisfy(r -> assertThat(r.getStatusCode()).isEqualTo(400));
    assertThat(rejected.get(0).getReason()).contains("JSON");
    assertThat(rejected.get(1).getReason()).contains("traceId").contains("32 lowercase hex");
    assertThat(rejected.get(2).getReason()).contains("spanId");
    assertThat(rejected.get(3).getReason()).contains("unknownField");
    assertThat(rejected.get(4).getReason()).contains("gzip");
    assertThat(rejected.get(5).getReason()).contains("protobuf");
    assertThat(new String(rejected.get(0).getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(collector.spans()).isEmpty();

    assertThat(postJson(oneSpanJson(TRACE_A, "00f067aa0ba902b7"))).isEqualTo(200);
    assertThat(collector.span("json-span").getTraceId()).isEqualTo(TRACE_A);
  }

  @Test
  void rejectsOtherPathsAndContentTypes() throws IOException {
    Request wrongPath =
        new Request.Builder()
            .url("http://127.0.0.1:" + collector.getPort() + "/v1/metrics")
            .post(RequestBody.create(new byte[0], MediaType.get("application/x-protobuf")))
            .build();
    try (Response response = HTTP.newCall(wrongPath).execute()) {
      assertThat(response.code()).isEqualTo(404);
    }
    try (Response response = post("text/plain", "hello".getBytes(StandardCharsets.UTF_8), false)) {
      assertThat(response.code()).isEqualTo(415);
    }
    assertThat(collector.rejectedRequests())
        .extracting(RejectedRequest::getStatusCode, RejectedRequest::getPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(404, "/v1/metrics"),
            org.assertj.core.groups.Tuple.tuple(415, "/v1/traces"));
  }

  @Test
  void awaitSpansTimesOutDescribingWhatArrived() throws IOException {
    postJson("{not json");
    postProto(sampleRequest());

    assertThatThrownBy(() -> collector.awaitSpans(7, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("at least 7 spans")
        .hasMessageContaining("received 3 spans in 1 requests")
        .hasMessageContaining("'root' SERVER " + TRACE_A + "/00f067aa0ba902b7 (root)")
        .hasMessageContaining("rejected 1 requests")
        .hasMessageContaining("400 POST /v1/traces");
  }

  @Test
  void awaitReturnsOnceAConditionHoldsForSpansPostedLater() throws Exception {
    Thread poster = new Thread(() -> postProto(sampleRequest()));
    poster.start();

    List<ReceivedSpan> spans =
        collector.await(all -> all.stream().anyMatch(s -> s.getName().equals("other-trace")), WAIT);

    assertThat(spans).extracting(ReceivedSpan::getName).contains("other-trace");
    poster.join(WAIT.toMillis());
  }

  @Test
  void lookupHelpersFollowNamesTracesAndParents() {
    postProto(sampleRequest());

    ReceivedSpan root = collector.span("root");
    assertThat(collector.children(root)).extracting(ReceivedSpan::getName).containsExactly("child");
    assertThat(collector.children(collector.span("child"))).isEmpty();
    assertThat(collector.trace(TRACE_A)).extracting(ReceivedSpan::getName).containsExactly("root", "child");
    assertThat(collector.trace(TRACE_B)).extracting(ReceivedSpan::getName).containsExactly("other-trace");
    assertThat(collector.spansNamed("nothing")).isEmpty();
    assertThatThrownBy(() -> collector.span("missing"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("one span named 'missing' but found 0")
        .hasMessageContaining("'child'");

    postProto(sampleRequest());
    assertThat(collector.spansNamed("root")).hasSize(2);
    assertThatThrownBy(() -> collector.span("root")).hasMessageContaining("found 2");
  }

  @Test
  void clearForgetsEverythingReceived() throws IOException {
    postProto(sampleRequest());
    postJson("{not json");

    collector.clear();

    assertThat(collector.spans()).isEmpty();
    assertThat(collector.requests()).isEmpty();
    assertThat(collector.rejectedRequests()).isEmpty();
  }

  private void exportTwoSpans(OtlpProtocol protocol, boolean gzip) {
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(collector.getEndpoint())
            .setApiKey(TestSecrets.API_KEY)
            .setProtocol(protocol)
            .setGzip(gzip)
            .build();
    Tracer tracer =
        Tracer.builder()
            .setResource(Resource.create(Attributes.builder().put("service.name", "orders").build()))
            .setSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build();
    Span root = tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).setNoParent().start();
    try (Scope ignored = root.makeCurrent()) {
      tracer.spanBuilder("SELECT").setSpanKind(SpanKind.CLIENT).start().end();
    }
    root.setAttribute("http.status_code", 500L)
        .setAttribute("cached", false)
        .setAttribute("ratio", 0.5)
        .setAttribute("tags", new String[] {"a", "b"})
        .addEvent("retry", Attributes.builder().put("attempt", 2L).build())
        .setStatus(StatusCode.ERROR, "boom");
    root.end();
    assertThat(tracer.shutdown(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Two traces: root → child in TRACE_A, and a lone span in TRACE_B. */
  private static ExportTraceServiceRequest sampleRequest() {
    io.opentelemetry.proto.trace.v1.Span root =
        protoSpan("root", TRACE_A, "00f067aa0ba902b7", "")
            .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER)
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
            .addAttributes(kv("nested", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("inner", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setIntValue(1))
                    .addValues(AnyValue.newBuilder().setBoolValue(true))).build())))
                .build()))
            .addAttributes(kv("raw", AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("xyz")).build()))
            .addAttributes(kv("absent", AnyValue.getDefaultInstance()))
            .build();
    Builder resource = io.opentelemetry.proto.resource.v1.Resource.newBuilder()
        .addAttributes(kv("service.name", AnyValue.newBuilder().setStringValue("proto-service").build()));
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(resource)
            .addScopeSpans(ScopeSpans.newBuilder()
                .setScope(io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder().setName("test-scope"))
                .addSpans(root)
                .addSpans(protoSpan("child", TRACE_A, "b7ad6b7169203331", "00f067aa0ba902b7"))
                .addSpans(protoSpan("other-trace", TRACE_B, "00f067aa0ba902b7", ""))))
        .build();
  }

  private static io.opentelemetry.proto.trace.v1.Span.Builder protoSpan(
      String name, String traceId, String spanId, String parentId) {
    return io.opentelemetry.proto.trace.v1.Span.newBuilder()
        .setName(name)
        .setTraceId(hex(traceId))
        .setSpanId(hex(spanId))
        .setParentSpanId(hex(parentId))
        .setStartTimeUnixNano(1_000)
        .setEndTimeUnixNano(2_000);
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static ByteString hex(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return ByteString.copyFrom(bytes);
  }

  private static String oneSpanJson(String traceId, String spanId) {
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + traceId
        + "\",\"spanId\":\"" + spanId + "\",\"parentSpanId\":\"\",\"name\":\"json-span\",\"kind\":2,"
        + "\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}]}]}]}";
  }

  private int postJson(String json) throws IOException {
    try (Response response = post("application/json", json.getBytes(StandardCharsets.UTF_8), false)) {
      return response.code();
    }
  }

  private void postProto(ExportTraceServiceRequest request) {
    try (Response response = post("application/x-protobuf", request.toByteArray(), false)) {
      assertThat(response.code()).isEqualTo(200);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Response post(String contentType, byte[] body, boolean gzip) throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url(collector.getEndpoint())
            .post(RequestBody.create(body, MediaType.get(contentType)));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    return HTTP.newCall(request.build()).execute();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}

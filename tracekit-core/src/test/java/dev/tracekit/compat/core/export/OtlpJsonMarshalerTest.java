package dev.tracekit.compat.core.export;

import static dev.tracekit.compat.core.export.OtlpTestSupport.allSpans;
import static dev.tracekit.compat.core.export.OtlpTestSupport.bytesToHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.internal.Version;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.SpanLimits;
import dev.tracekit.compat.core.trace.Tracer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the exporter puts on the wire, in both encodings: every batch is exported once as JSON and
 * once as protobuf, received over loopback HTTP, proven with the official OTLP proto ({@code
 * JsonFormat} and {@code parseFrom}, unknown fields rejected), and the two must make equal
 * messages; the assertions then read that message. {@code lastJson} is the JSON text.
 */
class OtlpJsonMarshalerTest {
  private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";
  private static final String ROOT_ID = "53995c3f42cd8ad8";
  private static final String CHILD_ID = "0102030405060708";
  private static final long T0 = 1_700_000_000_123_456_789L;

  private final CollectingSpanProcessor processor = new CollectingSpanProcessor();
  private final Resource resource =
      Resource.create(
          Attributes.builder()
              .put("service.name", "checkout")
              .put("deployment.environment.name", "prod")
              .put("process.pid", 4242L)
              .build());
  private final Tracer tracer =
      Tracer.builder().setResource(resource).setSpanProcessor(processor).build();

  private MockWebServer server;
  private OtlpHttpSpanExporter jsonExporter;
  private OtlpHttpSpanExporter protobufExporter;
  private String lastJson;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    jsonExporter = exporter(OtlpProtocol.HTTP_JSON);
    protobufExporter = exporter(OtlpProtocol.HTTP_PROTOBUF);
  }

  private OtlpHttpSpanExporter exporter(OtlpProtocol protocol) {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint(server.url("/v1/traces").toString())
        .setRetryPolicy(RetryPolicy.noRetry())
        .setProtocol(protocol)
        .build();
  }

  @AfterEach
  void tearDown() throws IOException {
    jsonExporter.shutdown();
    protobufExporter.shutdown();
    server.shutdown();
  }

  @Test
  void spanFieldsMatchTheOfficialProto() throws Exception {
    Span root =
        tracer
            .spanBuilder("GET /cart")
            .setNoParent()
            .setSpanKind(SpanKind.SERVER)
            .setTraceId(TRACE_ID)
            .setSpanId(ROOT_ID)
            .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
            .startDetached();
    Span child =
        tracer
            .spanBuilder("DynamoDB.GetItem")
            .setParent(root)
            .setSpanKind(SpanKind.CLIENT)
            .setSpanId(CHILD_ID)
            .setStartTimestamp(T0 + 1000, TimeUnit.NANOSECONDS)
            .startDetached();
    child.setAttribute("aws.service", "DynamoDB");
    child.setAttribute("aws.xray.fault", true);
    child.setAttribute("http.response.status_code", 503L);
    child.setAttribute("big", Long.MAX_VALUE);
    child.setAttribute("negative", -42L);
    child.setAttribute("ratio", 0.25);
    child.setAttribute("aws.xray.annotations", new String[] {"a", "b"});
    child.setAttribute("longs", new long[] {1, -2, Long.MIN_VALUE});
    child.setAttribute("doubles", new double[] {1.5, -0.5});
    child.setAttribute("bools", new boolean[] {true, false});
    child.addEvent(
        "retry", Attributes.builder().put("attempt", 2L).build(), T0 + 2000, TimeUnit.NANOSECONDS);
    child.recordException(new IllegalStateException("table not found"));
    child.end(T0 + 5000, TimeUnit.NANOSECONDS);
    root.setStatus(StatusCode.OK);
    root.end(T0 + 9000, TimeUnit.NANOSECONDS);

    ExportTraceServiceRequest request = exportAndParse(processor.spans());

    assertThat(request.getResourceSpansCount()).isEqualTo(1);
    ResourceSpans resourceSpans = request.getResourceSpans(0);
    assertThat(attributeMap(resourceSpans.getResource().getAttributesList()))
        .containsEntry("service.name", string("checkout"))
        .containsEntry("deployment.environment.name", string("prod"))
        .containsEntry("process.pid", AnyValue.newBuilder().setIntValue(4242).build())
        .hasSize(3);
    assertThat(resourceSpans.getScopeSpansCount()).isEqualTo(1);
    ScopeSpans scopeSpans = resourceSpans.getScopeSpans(0);
    assertThat(scopeSpans.getScope().getName()).isEqualTo("dev.tracekit.compat");
    assertThat(scopeSpans.getScope().getVersion()).isEqualTo(Version.get()).isNotEmpty();
    assertThat(scopeSpans.getSpansCount()).isEqualTo(2);

    io.opentelemetry.proto.trace.v1.Span c = scopeSpans.getSpans(0);
    io.opentelemetry.proto.trace.v1.Span r = scopeSpans.getSpans(1);

    assertThat(bytesToHex(r.getTraceId())).isEqualTo(TRACE_ID);
    assertThat(bytesToHex(r.getSpanId())).isEqualTo(ROOT_ID);
    assertThat(r.getParentSpanId().isEmpty()).isTrue();
    assertThat(r.getName()).isEqualTo("GET /cart");
    assertThat(r.getKind())
        .isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(r.getStartTimeUnixNano()).isEqualTo(T0);
    assertThat(r.getEndTimeUnixNano()).isEqualTo(T0 + 9000);
    assertThat(r.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_OK);
    assertThat(r.getStatus().getMessage()).isEmpty();
    assertThat(r.getFlags()).isEqualTo(1);
    assertThat(r.getAttributesCount()).isZero();
    assertThat(r.getEventsCount()).isZero();

    assertThat(bytesToHex(c.getTraceId())).isEqualTo(TRACE_ID);
    assertThat(bytesToHex(c.getSpanId())).isEqualTo(CHILD_ID);
    assertThat(bytesToHex(c.getParentSpanId())).isEqualTo(ROOT_ID);
    assertThat(c.getKind())
        .isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(c.getStartTimeUnixNano()).isEqualTo(T0 + 1000);
    assertThat(c.getEndTimeUnixNano()).isEqualTo(T0 + 5000);
    assertThat(c.getDroppedAttributesCount()).isZero();
    assertThat(c.getDroppedEventsCount()).isZero();

    Map<String, AnyValue> attributes = attributeMap(c.getAttributesList());
    assertThat(attributes).hasSize(10);
    assertThat(attributes.get("aws.service")).isEqualTo(string("DynamoDB"));
    assertThat(attributes.get("aws.xray.fault"))
        .isEqualTo(AnyValue.newBuilder().setBoolValue(true).build());
    assertThat(attributes.get("http.response.status_code").getIntValue()).isEqualTo(503L);
    assertThat(attributes.get("big").getIntValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(attributes.get("negative").getIntValue()).isEqualTo(-42L);
    assertThat(attributes.get("ratio").getDoubleValue()).isEqualTo(0.25);
    assertThat(attributes.get("aws.xray.annotations").getArrayValue().getValuesList())
        .containsExactly(string("a"), string("b"));
    assertThat(attributes.get("longs").getArrayValue().getValuesList())
        .extracting(AnyValue::getIntValue)
        .containsExactly(1L, -2L, Long.MIN_VALUE);
    assertThat(attributes.get("doubles").getArrayValue().getValuesList())
        .extracting(AnyValue::getDoubleValue)
        .containsExactly(1.5, -0.5);
    assertThat(attributes.get("bools").getArrayValue().getValuesList())
        .extracting(AnyValue::getBoolValue)
        .containsExactly(true, false);
    for (AnyValue element : attributes.get("longs").getArrayValue().getValuesList()) {
      assertThat(element.getValueCase()).isEqualTo(AnyValue.ValueCase.INT_VALUE);
    }

    assertThat(c.getEventsCount()).isEqualTo(2);
    io.opentelemetry.proto.trace.v1.Span.Event retry = c.getEvents(0);
    assertThat(retry.getName()).isEqualTo("retry");
    assertThat(retry.getTimeUnixNano()).isEqualTo(T0 + 2000);
    assertThat(attributeMap(retry.getAttributesList()))
        .containsOnly(entry("attempt", AnyValue.newBuilder().setIntValue(2).build()));
    io.opentelemetry.proto.trace.v1.Span.Event exception = c.getEvents(1);
    assertThat(exception.getName()).isEqualTo("exception");
    assertThat(exception.getTimeUnixNano()).isPositive();
    Map<String, AnyValue> exceptionAttributes = attributeMap(exception.getAttributesList());
    assertThat(exceptionAttributes.get("exception.type"))
        .isEqualTo(string("java.lang.IllegalStateException"));
    assertThat(exceptionAttributes.get("exception.message")).isEqualTo(string("table not found"));
    assertThat(exceptionAttributes.get("exception.stacktrace").getStringValue())
        .startsWith("java.lang.IllegalStateException: table not found")
        .contains(
            "\tat dev.tracekit.compat.core.export.OtlpJsonMarshalerTest.spanFieldsMatchTheOfficialProto");
    assertThat(c.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(c.getStatus().getMessage()).isEqualTo("table not found");
  }

  @Test
  void writesIdsAsHexInt64AsStringsAndEnumsAsNumbers() throws Exception {
    Span span =
        tracer
            .spanBuilder("op")
            .setNoParent()
            .setSpanKind(SpanKind.PRODUCER)
            .setTraceId(TRACE_ID)
            .setSpanId(ROOT_ID)
            .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
            .startDetached();
    span.setAttribute("count", 7L);
    span.setStatus(StatusCode.ERROR, "bad");
    span.end(T0 + 1, TimeUnit.NANOSECONDS);

    exportAndParse(processor.spans());

    // JsonFormat also reads int64 given as numbers and enums given as names: check the raw text.
    assertThat(lastJson)
        .contains("\"traceId\":\"" + TRACE_ID + "\"")
        .contains("\"spanId\":\"" + ROOT_ID + "\"")
        .contains("\"startTimeUnixNano\":\"" + T0 + "\"")
        .contains("\"endTimeUnixNano\":\"" + (T0 + 1) + "\"")
        .contains("\"intValue\":\"7\"")
        .contains("\"kind\":4")
        .contains("\"status\":{\"message\":\"bad\",\"code\":2}")
        .doesNotContain("parentSpanId")
        .doesNotContain("droppedAttributesCount")
        .doesNotContain("droppedEventsCount")
        .doesNotContain("\"events\"");
  }

  @Test
  void everyKindMapsToItsOtlpNumberAndUnsetStatusIsOmitted() throws Exception {
    for (SpanKind kind : SpanKind.values()) {
      tracer.spanBuilder(kind.name()).setNoParent().setSpanKind(kind).startDetached().end();
    }

    ExportTraceServiceRequest request = exportAndParse(processor.spans());

    List<io.opentelemetry.proto.trace.v1.Span> spans = allSpans(request);
    assertThat(spans).hasSize(SpanKind.values().length);
    for (io.opentelemetry.proto.trace.v1.Span span : spans) {
      assertThat(span.getKindValue()).isEqualTo(SpanKind.valueOf(span.getName()).otlpValue());
      assertThat(span.hasStatus()).isFalse();
      assertThat(span.getEndTimeUnixNano()).isGreaterThanOrEqualTo(span.getStartTimeUnixNano());
    }
    assertThat(lastJson).doesNotContain("\"status\"");
  }

  @Test
  void remoteParentBecomesParentSpanId() throws Exception {
    SpanContext remote = SpanContext.createFromRemoteParent(TRACE_ID, "ABCDEF0123456789", true);
    tracer
        .spanBuilder("handler")
        .setParent(remote)
        .setSpanKind(SpanKind.SERVER)
        .startDetached()
        .end();

    io.opentelemetry.proto.trace.v1.Span span = allSpans(exportAndParse(processor.spans())).get(0);

    assertThat(bytesToHex(span.getTraceId())).isEqualTo(TRACE_ID);
    assertThat(bytesToHex(span.getParentSpanId())).isEqualTo("abcdef0123456789");
    assertThat(bytesToHex(span.getSpanId())).isNotEqualTo("abcdef0123456789").hasSize(16);
  }

  @Test
  void droppedCountsAreSent() throws Exception {
    Tracer limited =
        Tracer.builder()
            .setSpanLimits(SpanLimits.create(2, 100, 1))
            .setSpanProcessor(processor)
            .build();
    Span span = limited.spanBuilder("limited").setNoParent().startDetached();
    span.setAttribute("a", "1");
    span.setAttribute("b", "2");
    span.setAttribute("c", "3");
    span.addEvent("kept", Attributes.builder().put("x", 1L).put("y", 2L).put("z", 3L).build());
    span.addEvent("dropped");
    span.end();

    io.opentelemetry.proto.trace.v1.Span sent = allSpans(exportAndParse(processor.spans())).get(0);

    assertThat(sent.getAttributesCount()).isEqualTo(2);
    assertThat(sent.getDroppedAttributesCount()).isEqualTo(1);
    assertThat(sent.getEventsCount()).isEqualTo(1);
    assertThat(sent.getDroppedEventsCount()).isEqualTo(1);
    assertThat(sent.getEvents(0).getAttributesCount()).isEqualTo(2);
    assertThat(sent.getEvents(0).getDroppedAttributesCount()).isEqualTo(1);
  }

  @Test
  void spansAreGroupedByResource() throws Exception {
    Resource other =
        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "billing"));
    Tracer otherTracer = Tracer.builder().setResource(other).setSpanProcessor(processor).build();
    tracer.spanBuilder("a1").setNoParent().startDetached().end();
    otherTracer.spanBuilder("b1").setNoParent().startDetached().end();
    tracer.spanBuilder("a2").setNoParent().startDetached().end();
    // An equal resource from another tracer joins the same group.
    Tracer sameResource =
        Tracer.builder()
            .setResource(Resource.create(resource.getAttributes()))
            .setSpanProcessor(processor)
            .build();
    sameResource.spanBuilder("a3").setNoParent().startDetached().end();

    ExportTraceServiceRequest request = exportAndParse(processor.spans());

    assertThat(request.getResourceSpansCount()).isEqualTo(2);
    Map<String, List<String>> namesByService = new HashMap<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String service =
          attributeMap(resourceSpans.getResource().getAttributesList())
              .get("service.name")
              .getStringValue();
      assertThat(resourceSpans.getScopeSpansCount()).isEqualTo(1);
      List<String> names = new ArrayList<>();
      for (io.opentelemetry.proto.trace.v1.Span span :
          resourceSpans.getScopeSpans(0).getSpansList()) {
        names.add(span.getName());
      }
      namesByService.put(service, names);
    }
    assertThat(namesByService)
        .containsOnly(
            entry("checkout", Arrays.asList("a1", "a2", "a3")),
            entry("billing", Arrays.asList("b1")));
  }

  @Test
  void nonFiniteDoublesAreValidProtoJson() throws Exception {
    Span span = tracer.spanBuilder("doubles").setNoParent().startDetached();
    span.setAttribute("nan", Double.NaN);
    span.setAttribute("inf", Double.POSITIVE_INFINITY);
    span.setAttribute("-inf", Double.NEGATIVE_INFINITY);
    span.setAttribute("tiny", Double.MIN_VALUE);
    span.setAttribute("huge", 1.0e300);
    span.setAttribute("mixed", new double[] {Double.NaN, 2.0, Double.NEGATIVE_INFINITY});
    span.end();

    Map<String, AnyValue> attributes =
        attributeMap(allSpans(exportAndParse(processor.spans())).get(0).getAttributesList());

    assertThat(attributes.get("nan").getDoubleValue()).isNaN();
    assertThat(attributes.get("inf").getDoubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(attributes.get("-inf").getDoubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(attributes.get("tiny").getDoubleValue()).isEqualTo(Double.MIN_VALUE);
    assertThat(attributes.get("huge").getDoubleValue()).isEqualTo(1.0e300);
    assertThat(attributes.get("mixed").getArrayValue().getValuesList())
        .extracting(AnyValue::getDoubleValue)
        .containsExactly(Double.NaN, 2.0, Double.NEGATIVE_INFINITY);
  }

  @Test
  void textSurvivesEscapingAndUnicode() throws Exception {
    String tricky = "quote\" backslash\\ newline\n tab\t nul\u0000 é 漢字 emoji\uD83D\uDE00";
    Span span = tracer.spanBuilder(tricky).setNoParent().startDetached();
    span.setAttribute(tricky, tricky);
    span.setAttribute("lone.surrogate", "a\uD800b");
    span.end();

    io.opentelemetry.proto.trace.v1.Span sent = allSpans(exportAndParse(processor.spans())).get(0);

    assertThat(sent.getName()).isEqualTo(tricky);
    assertThat(attributeMap(sent.getAttributesList()).get(tricky)).isEqualTo(string(tricky));
    // A lone surrogate cannot be UTF-8: it goes out as U+FFFD, not as a "\\ud800" escape.
    assertThat(attributeMap(sent.getAttributesList()).get("lone.surrogate"))
        .isEqualTo(string("a\uFFFDb"));
    assertThat(lastJson).doesNotContain("\\ud800").doesNotContain("\\uD800");
    // Characters outside the BMP go out as UTF-8, not as escaped surrogate pairs.
    assertThat(lastJson).contains("emoji\uD83D\uDE00");
  }

  @Test
  void loneSurrogatesInNamesKeysAndValuesBecomeReplacementCharacters() throws Exception {
    Span span = tracer.spanBuilder("high\uD800 low\uDC00 reversed\uDC00\uD800").setNoParent().startDetached();
    span.setAttribute("key\uDBFF", "end\uD83D");
    span.setAttribute("pair", "\uD83D\uDE00");
    span.setStatus(StatusCode.ERROR, "\uDE00start");
    span.end();

    io.opentelemetry.proto.trace.v1.Span sent = allSpans(exportAndParse(processor.spans())).get(0);

    assertThat(sent.getName()).isEqualTo("high\uFFFD low\uFFFD reversed\uFFFD\uFFFD");
    assertThat(attributeMap(sent.getAttributesList()).get("key\uFFFD")).isEqualTo(string("end\uFFFD"));
    assertThat(attributeMap(sent.getAttributesList()).get("pair")).isEqualTo(string("\uD83D\uDE00"));
    assertThat(sent.getStatus().getMessage()).isEqualTo("\uFFFDstart");
    assertThat(ProtoJsonWriter.wellFormed("no surrogates here")).isSameAs("no surrogates here");
  }

  /** Exports {@code spans} in both encodings; returns the message both make. */
  private ExportTraceServiceRequest exportAndParse(List<SpanData> spans)
      throws InterruptedException {
    RecordedRequest json = exportOnce(jsonExporter, spans);
    assertThat(json.getHeader("Content-Type")).isEqualTo("application/json");
    lastJson = json.getBody().clone().readUtf8();
    RecordedRequest protobuf = exportOnce(protobufExporter, spans);
    assertThat(protobuf.getHeader("Content-Type")).isEqualTo("application/x-protobuf");

    ExportTraceServiceRequest fromJson = OtlpTestSupport.parseRequest(json);
    ExportTraceServiceRequest fromProtobuf = OtlpTestSupport.parseRequest(protobuf);
    assertThat(fromProtobuf).isEqualTo(fromJson);
    return fromProtobuf;
  }

  private RecordedRequest exportOnce(OtlpHttpSpanExporter exporter, List<SpanData> spans)
      throws InterruptedException {
    server.enqueue(new MockResponse().setResponseCode(200));
    assertThat(exporter.export(spans).isSuccess()).isTrue();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    return request;
  }

  private static Map<String, AnyValue> attributeMap(List<KeyValue> keyValues) {
    Map<String, AnyValue> map = new HashMap<>();
    for (KeyValue keyValue : keyValues) {
      assertThat(map.put(keyValue.getKey(), keyValue.getValue()))
          .as("duplicate " + keyValue.getKey())
          .isNull();
    }
    return map;
  }

  private static AnyValue string(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }
}

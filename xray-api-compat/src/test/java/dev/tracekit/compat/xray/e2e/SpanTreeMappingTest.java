package dev.tracekit.compat.xray.e2e;

import static dev.tracekit.compat.xray.e2e.OtlpBackend.attributes;
import static dev.tracekit.compat.xray.e2e.OtlpBackend.byName;
import static dev.tracekit.compat.xray.e2e.OtlpBackend.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceID;
import dev.tracekit.compat.core.internal.AnchoredClock;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * X-Ray calls through the real TraceKit pipeline and OTLP/HTTP exporter to a loopback server, whose
 * payloads the official proto parses: the tree, ids, kinds and times rows of {@code docs/mapping.md}
 * ("Span fields").
 */
class SpanTreeMappingTest {
  private static final String XRAY_TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String OTLP_TRACE_ID = "5759e988bd862e3fe1be46a994272793";

  private OtlpBackend backend;
  private AWSXRayRecorder recorder;

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend().initTraceKit();
    recorder = AWSXRayRecorderBuilder.standard().build();
  }

  @AfterEach
  void stop() throws Exception {
    recorder.clearTraceEntity();
    backend.close();
  }

  @Test
  void traceIdAndEntityIdsArePreservedAndSubsegmentsNestUnderTheirParents() throws Exception {
    Segment segment = recorder.beginSegment("checkout", TraceID.fromString(XRAY_TRACE_ID), null);
    Subsegment outer = recorder.beginSubsegment("outer");
    Subsegment inner = recorder.beginSubsegment("inner");
    recorder.endSubsegment();
    Subsegment sibling = recorder.beginSubsegment("sibling");
    recorder.endSubsegment();
    recorder.endSubsegment();
    recorder.endSegment();

    List<Span> spans = backend.flushAndCollect();
    assertThat(OtlpBackend.names(spans)).containsExactlyInAnyOrder("checkout", "outer", "inner", "sibling");
    for (Span span : spans) {
      assertThat(hex(span.getTraceId())).isEqualTo(OTLP_TRACE_ID);
    }
    Span root = byName(spans, "checkout");
    assertThat(hex(root.getSpanId())).isEqualTo(segment.getId());
    assertThat(root.getParentSpanId().isEmpty()).as("a new trace's segment is a root span").isTrue();
    assertThat(hex(byName(spans, "outer").getSpanId())).isEqualTo(outer.getId());
    assertThat(hex(byName(spans, "outer").getParentSpanId())).isEqualTo(segment.getId());
    assertThat(hex(byName(spans, "inner").getSpanId())).isEqualTo(inner.getId());
    assertThat(hex(byName(spans, "inner").getParentSpanId())).isEqualTo(outer.getId());
    assertThat(hex(byName(spans, "sibling").getSpanId())).isEqualTo(sibling.getId());
    assertThat(hex(byName(spans, "sibling").getParentSpanId())).isEqualTo(outer.getId());
  }

  @Test
  void otlpTraceIdConvertsBackToTheXrayTraceId() throws Exception {
    Segment segment = recorder.beginSegment("random-trace");
    recorder.endSegment();

    Span root = byName(backend.flushAndCollect(), "random-trace");
    String otlp = hex(root.getTraceId());
    assertThat("1-" + otlp.substring(0, 8) + "-" + otlp.substring(8)).isEqualTo(segment.getTraceId().toString());
  }

  @Test
  void segmentIsAServerSpanAndContinuesAnIncomingParent() throws Exception {
    Segment segment =
        recorder.beginSegment("api", TraceID.fromString(XRAY_TRACE_ID), "53995c3f42cd8ad8");
    recorder.endSegment();

    Span root = byName(backend.flushAndCollect(), "api");
    assertThat(root.getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(hex(root.getParentSpanId())).isEqualTo("53995c3f42cd8ad8");
    assertThat(hex(root.getSpanId())).isEqualTo(segment.getId());
    assertThat(root.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
  }

  @Test
  void awsSubsegmentIsAClientSpanNamingTheService() throws Exception {
    recorder.beginSegment("api");
    Subsegment dynamo = recorder.beginSubsegment("DynamoDB");
    dynamo.setNamespace("aws");
    recorder.endSubsegment();
    recorder.endSegment();

    Span span = byName(backend.flushAndCollect(), "DynamoDB");
    assertThat(span.getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    Map<String, AnyValue> attributes = attributes(span);
    assertThat(attributes.get("aws.service").getStringValue()).isEqualTo("DynamoDB");
    assertThat(attributes.get("rpc.system").getStringValue()).isEqualTo("aws-api");
    assertThat(attributes.get("aws.xray.namespace").getStringValue()).isEqualTo("aws");
  }

  @Test
  void remoteSubsegmentIsAClientSpan() throws Exception {
    recorder.beginSegment("api");
    Subsegment call = recorder.beginSubsegment("payments.example.com");
    call.setNamespace("remote");
    recorder.endSubsegment();
    recorder.endSegment();

    Span span = byName(backend.flushAndCollect(), "payments.example.com");
    assertThat(span.getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(attributes(span)).doesNotContainKeys("aws.service", "rpc.system");
    assertThat(attributes(span).get("aws.xray.namespace").getStringValue()).isEqualTo("remote");
  }

  @Test
  void otherSubsegmentsAreInternalSpans() throws Exception {
    recorder.beginSegment("api");
    recorder.beginSubsegment("no-namespace");
    recorder.endSubsegment();
    Subsegment custom = recorder.beginSubsegment("custom-namespace");
    custom.setNamespace("batch");
    recorder.endSubsegment();
    recorder.endSegment();

    List<Span> spans = backend.flushAndCollect();
    assertThat(byName(spans, "no-namespace").getKind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(byName(spans, "custom-namespace").getKind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
    assertThat(attributes(byName(spans, "custom-namespace")).get("aws.xray.namespace").getStringValue())
        .isEqualTo("batch");
  }

  @Test
  void startAndEndTimesSetInEpochSecondsBecomeNanoseconds() throws Exception {
    Segment segment = recorder.beginSegment("timed");
    segment.setStartTime(1700000000.123456);
    Subsegment sub = recorder.beginSubsegment("timed-child");
    sub.setStartTime(1700000000.5);
    sub.setEndTime(1700000001.25);
    recorder.endSubsegment();
    segment.setEndTime(1700000002.000001);
    recorder.endSegment();

    List<Span> spans = backend.flushAndCollect();
    Span root = byName(spans, "timed");
    assertThat(root.getStartTimeUnixNano()).isEqualTo(1_700_000_000_123_456_000L);
    assertThat(root.getEndTimeUnixNano()).isEqualTo(1_700_000_002_000_001_000L);
    Span child = byName(spans, "timed-child");
    assertThat(child.getStartTimeUnixNano()).isEqualTo(1_700_000_000_500_000_000L);
    assertThat(child.getEndTimeUnixNano()).isEqualTo(1_700_000_001_250_000_000L);
  }

  @Test
  void recordedTimesKeepSubMillisecondPrecisionAndOrder() throws Exception {
    long before = AnchoredClock.wallNow();
    recorder.beginSegment("live");
    recorder.beginSubsegment("live-child");
    recorder.endSubsegment();
    recorder.endSegment();
    long after = AnchoredClock.wallNow();

    List<Span> spans = backend.flushAndCollect();
    Span root = byName(spans, "live");
    Span child = byName(spans, "live-child");
    assertThat(root.getStartTimeUnixNano()).isBetween(before, after);
    assertThat(child.getStartTimeUnixNano()).isBetween(root.getStartTimeUnixNano(), after);
    assertThat(child.getEndTimeUnixNano()).isBetween(child.getStartTimeUnixNano(), after);
    assertThat(root.getEndTimeUnixNano()).isBetween(child.getEndTimeUnixNano(), after);
  }
}

package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gradual migration mixes old X-Ray call sites and new TraceKit spans on one thread: both must
 * land in one trace, each nested where it was begun.
 */
class MixedContextTest {
  private final RecordingExporter exporter = new RecordingExporter();
  private AWSXRayRecorder recorder;

  @BeforeEach
  void init() {
    TraceKit.init(TraceKitConfig.builder().setSpanExporter(exporter).setShutdownHook(false).build());
    recorder = AWSXRayRecorderBuilder.standard().build();
  }

  @AfterEach
  void shutdown() {
    recorder.clearTraceEntity();
    TraceKit.shutdown();
  }

  @Test
  void subsegmentsBegunAfterTheCurrentSegmentChangedItsIdHangUnderTheNewId() {
    Segment segment = recorder.beginSegment("renamed");
    segment.setId("0123456789abcdef");
    recorder.beginSubsegment("after-set-id");
    recorder.endSubsegment();
    recorder.endSegment();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();

    SpanData root = exporter.byName("renamed");
    SpanData after = exporter.byName("after-set-id");
    assertThat(root.getSpanContext().getSpanId()).isEqualTo("0123456789abcdef");
    assertThat(after.getParentSpanContext().getSpanId())
        .as("the X-Ray parent is the segment under its new id")
        .isEqualTo("0123456789abcdef");
  }

  @Test
  void subsegmentBegunUnderATraceKitSpanIsThatSpansChild() {
    Segment segment = recorder.beginSegment("checkout");
    Subsegment subsegment;
    try (Span service = TraceKit.startSpan("new-style-service-call")) {
      subsegment = recorder.beginSubsegment("legacy-dao");
      assertThat(TraceKit.currentSpan().getSpanContext().getSpanId()).isEqualTo(subsegment.getId());
      recorder.endSubsegment();
      assertThat(TraceKit.currentSpan()).as("the TraceKit span is current again").isSameAs(service);
    }
    assertThat(TraceKit.currentSpan().getSpanContext().getSpanId()).isEqualTo(segment.getId());
    recorder.endSegment();
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();

    SpanData root = exporter.byName("checkout");
    SpanData service = exporter.byName("new-style-service-call");
    SpanData dao = exporter.byName("legacy-dao");
    assertThat(service.getParentSpanContext().getSpanId()).isEqualTo(root.getSpanContext().getSpanId());
    assertThat(dao.getParentSpanContext().getSpanId()).isEqualTo(service.getSpanContext().getSpanId());
    assertThat(dao.getSpanContext().getSpanId()).isEqualTo(subsegment.getId());
    for (SpanData span : exporter.spans()) {
      assertThat(span.getSpanContext().getTraceId()).isEqualTo(TraceKitIds.hex(segment.getTraceId()));
    }
    // The X-Ray document keeps X-Ray's own nesting: the subsegment under its segment.
    assertThat(segment.getSubsegments()).extracting(Subsegment::getName).containsExactly("legacy-dao");
  }

  @Test
  void traceKitSpanInsideASubsegmentIsItsChildAndUnsampledSegmentsPropagateTheirDecision() {
    Segment segment = recorder.beginSegment("unsampled-request");
    segment.setSampled(false);
    recorder.beginSubsegment("work");
    try (Span inner = TraceKit.startSpan("inner")) {
      assertThat(inner.isRecording()).as("a child of an unsampled subsegment is unsampled").isFalse();
      assertThat(inner.getSpanContext().getTraceId()).isEqualTo(TraceKitIds.hex(segment.getTraceId()));
    }
    recorder.endSubsegment();
    recorder.endSegment();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.spans()).isEmpty();
  }

  @Test
  void segmentBegunUnderATraceKitSpanStaysAnXRayRootAndRestoresTheSpanAfterwards() {
    try (Span outer = TraceKit.startSpan("outer")) {
      Segment segment = recorder.beginSegment("separate-request");
      recorder.endSegment();
      assertThat(TraceKit.currentSpan()).isSameAs(outer);
      assertThat(TraceKitIds.hex(segment.getTraceId())).isNotEqualTo(outer.getSpanContext().getTraceId());
    }
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.byName("separate-request").getParentSpanContext().isValid()).isFalse();
  }
}

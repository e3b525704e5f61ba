package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gradual migration mixes old X-Ray call sites and new TraceKit spans on one thread: both must
 * land in one trace, each nested where it was begun.
 */
class MixedContextTest {
  @RegisterExtension final XRayPipeline pipeline = new XRayPipeline();

  @Test
  void subsegmentsBegunAfterTheCurrentSegmentChangedItsIdHangUnderTheNewId() {
    Segment segment = pipeline.recorder().beginSegment("renamed");
    segment.setId("0123456789abcdef");
    pipeline.recorder().beginSubsegment("after-set-id");
    pipeline.recorder().endSubsegment();
    pipeline.recorder().endSegment();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();

    SpanData root = pipeline.exporter().byName("renamed");
    SpanData after = pipeline.exporter().byName("after-set-id");
    assertThat(root.getSpanContext().getSpanId()).isEqualTo("0123456789abcdef");
    assertThat(after.getParentSpanContext().getSpanId())
        .as("the X-Ray parent is the segment under its new id")
        .isEqualTo("0123456789abcdef");
  }

  @Test
  void subsegmentBegunUnderATraceKitSpanIsThatSpansChild() {
    Segment segment = pipeline.recorder().beginSegment("checkout");
    Subsegment subsegment;
    try (Span service = TraceKit.startSpan("new-style-service-call")) {
      subsegment = pipeline.recorder().beginSubsegment("legacy-dao");
      assertThat(TraceKit.currentSpan().getSpanContext().getSpanId()).isEqualTo(subsegment.getId());
      pipeline.recorder().endSubsegment();
      assertThat(TraceKit.currentSpan()).as("the TraceKit span is current again").isSameAs(service);
    }
    assertThat(TraceKit.currentSpan().getSpanContext().getSpanId()).isEqualTo(segment.getId());
    pipeline.recorder().endSegment();
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();

    SpanData root = pipeline.exporter().byName("checkout");
    SpanData service = pipeline.exporter().byName("new-style-service-call");
    SpanData dao = pipeline.exporter().byName("legacy-dao");
    assertThat(service.getParentSpanContext().getSpanId()).isEqualTo(root.getSpanContext().getSpanId());
    assertThat(dao.getParentSpanContext().getSpanId()).isEqualTo(service.getSpanContext().getSpanId());
    assertThat(dao.getSpanContext().getSpanId()).isEqualTo(subsegment.getId());
    for (SpanData span : pipeline.exporter().spans()) {
      assertThat(span.getSpanContext().getTraceId()).isEqualTo(TraceKitIds.hex(segment.getTraceId()));
    }
    // The X-Ray document keeps X-Ray's own nesting: the subsegment under its segment.
    assertThat(segment.getSubsegments()).extracting(Subsegment::getName).containsExactly("legacy-dao");
  }

  @Test
  void traceKitSpanInsideASubsegmentIsItsChildAndUnsampledSegmentsPropagateTheirDecision() {
    Segment segment = pipeline.recorder().beginSegment("unsampled-request");
    segment.setSampled(false);
    pipeline.recorder().beginSubsegment("work");
    try (Span inner = TraceKit.startSpan("inner")) {
      assertThat(inner.isRecording()).as("a child of an unsampled subsegment is unsampled").isFalse();
      assertThat(inner.getSpanContext().getTraceId()).isEqualTo(TraceKitIds.hex(segment.getTraceId()));
    }
    pipeline.recorder().endSubsegment();
    pipeline.recorder().endSegment();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pipeline.exporter().spans()).isEmpty();
  }

  @Test
  void segmentBegunUnderATraceKitSpanStaysAnXRayRootAndRestoresTheSpanAfterwards() {
    try (Span outer = TraceKit.startSpan("outer")) {
      Segment segment = pipeline.recorder().beginSegment("separate-request");
      pipeline.recorder().endSegment();
      assertThat(TraceKit.currentSpan()).isSameAs(outer);
      assertThat(TraceKitIds.hex(segment.getTraceId())).isNotEqualTo(outer.getSpanContext().getTraceId());
    }
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pipeline.exporter().byName("separate-request").getParentSpanContext().isValid()).isFalse();
  }
}

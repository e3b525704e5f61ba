package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeTest {
  @RegisterExtension final XRayPipeline pipeline = new XRayPipeline();

  @Test
  void segmentAndSubsegmentBecomeSpansWithXrayIds() {
    Segment segment = pipeline.recorder().beginSegment("my-service");
    segment.putAnnotation("user_id", "u-123");
    Subsegment sub = pipeline.recorder().beginSubsegment("fetch-data");
    sub.setNamespace("remote");
    sub.putAnnotation("n", 5);
    try (Span inner = TraceKit.startSpan("tracekit-inside")) {
      inner.setAttribute("x", 1);
    }
    pipeline.recorder().endSubsegment();
    pipeline.recorder().endSegment();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();

    SpanData root = pipeline.exporter().byName("my-service");
    SpanData child = pipeline.exporter().byName("fetch-data");
    SpanData inner = pipeline.exporter().byName("tracekit-inside");
    assertThat(root.getSpanContext().getTraceId()).isEqualTo(TraceKitIds.hex(segment.getTraceId()));
    assertThat(root.getSpanContext().getSpanId()).isEqualTo(segment.getId());
    assertThat(root.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(root.getParentSpanContext().isValid()).isFalse();
    assertThat(child.getParentSpanContext().getSpanId()).isEqualTo(segment.getId());
    assertThat(child.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(child.getAttributes().get(AttributeKey.longKey("n"))).isEqualTo(5L);
    assertThat(root.getAttributes().get(AttributeKey.stringKey("user_id"))).isEqualTo("u-123");
    assertThat(inner.getParentSpanContext().getSpanId()).isEqualTo(sub.getId());
    assertThat(segment.serialize()).contains("\"name\":\"my-service\"").contains("\"subsegments\"");
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }
}

package dev.tracekit.compat.xray.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.strategy.sampling.NoSamplingStrategy;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.xray.TraceKitIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Trace context in and out: the filter continues {@code X-Amzn-Trace-Id} (else W3C {@code
 * traceparent}) and answers {@code X-Amzn-Trace-Id} as the X-Ray SDK 2.21.0 filter does (observed
 * by running it: {@code Root=…;} only, plus the decision for {@code Sampled=?}).
 */
class ServletFilterPropagationTest extends ServletFilterHarness {

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void newRequestBeginsATraceAndAnswersWithItsRoot(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.OK);

    Segment segment = nextSegment();
    SpanData span = spanWithId(segment.getId());
    assertThat(reply.traceHeader()).isEqualTo("Root=" + segment.getTraceId() + ";");
    assertThat(reply.traceHeader()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};");
    assertThat(span.getName()).isEqualTo("svc");
    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TraceKitIds.hex(segment.getTraceId()));
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(segment.getParentId()).isNull();
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void continuesTheCallersTraceUnderItsParent(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.OK, TRACE_HEADER, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1");

    SpanData span = nextServerSpan();
    assertThat(reply.traceHeader()).isEqualTo("Root=" + ROOT + ";");
    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_HEX);
    assertThat(span.getParentSpanContext().getTraceId()).isEqualTo(TRACE_HEX);
    assertThat(span.getParentSpanContext().getSpanId()).isEqualTo(PARENT);
    assertThat(span.getParentSpanContext().isRemote()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void extraHeaderFieldsAreNotEchoed(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply =
        get(Endpoints.OK, TRACE_HEADER, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=a:1");

    assertThat(reply.traceHeader()).isEqualTo("Root=" + ROOT + ";");
    assertThat(nextServerSpan().getSpanContext().getTraceId()).isEqualTo(TRACE_HEX);
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void callerSampledZeroRecordsNothingButIsStillAnswered(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.OK, TRACE_HEADER, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=0");

    Segment segment = nextSegment();
    assertThat(reply.code).isEqualTo(200);
    assertThat(reply.traceHeader()).isEqualTo("Root=" + ROOT + ";");
    assertThat(segment.isSampled()).isFalse();
    assertThat(segment.getTraceId().toString()).isEqualTo(ROOT);
    assertThat(flushedSpans()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void sampledQuestionMarkIsAnsweredWithTheDecision(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));
    String asking = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=?";

    Reply sampled = get(Endpoints.OK, TRACE_HEADER, asking);
    SpanData span = nextServerSpan();
    recorder.setSamplingStrategy(new NoSamplingStrategy());
    Reply unsampled = get(Endpoints.OK, TRACE_HEADER, asking);
    Segment second = nextSegment();

    assertThat(sampled.traceHeader()).isEqualTo("Root=" + ROOT + ";Sampled=1");
    assertThat(span.getParentSpanContext().getSpanId()).isEqualTo(PARENT);
    assertThat(unsampled.traceHeader()).isEqualTo("Root=" + ROOT + ";Sampled=0");
    assertThat(second.isSampled()).isFalse();
    assertThat(flushedSpans()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void withoutADecisionTheSamplingStrategyDecides(ServletContainer container) throws Exception {
    recorder.setSamplingStrategy(new NoSamplingStrategy());
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.OK, TRACE_HEADER, "Root=" + ROOT + ";Parent=" + PARENT);

    assertThat(nextSegment().isSampled()).isFalse();
    assertThat(reply.traceHeader()).isEqualTo("Root=" + ROOT + ";");
    assertThat(flushedSpans()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void unsampledNewRequestAnswersTheInvalidRootAsXRayDoes(ServletContainer container)
      throws Exception {
    recorder.setSamplingStrategy(new NoSamplingStrategy());
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.OK);

    assertThat(nextSegment().isSampled()).isFalse();
    assertThat(reply.traceHeader()).isEqualTo("Root=1-00000000-000000000000000000000000;");
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void w3cTraceparentIsContinuedWhenThereIsNoXAmznHeader(ServletContainer container)
      throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.OK, "traceparent", "00-" + TRACE_HEX + "-" + PARENT + "-01");

    SpanData span = nextServerSpan();
    assertThat(reply.traceHeader()).isEqualTo("Root=" + ROOT + ";");
    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_HEX);
    assertThat(span.getParentSpanContext().getSpanId()).isEqualTo(PARENT);
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void unsampledW3cTraceparentRecordsNothing(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.OK, "traceparent", "00-" + TRACE_HEX + "-" + PARENT + "-00");

    assertThat(nextSegment().isSampled()).isFalse();
    assertThat(reply.traceHeader()).isEqualTo("Root=" + ROOT + ";");
    assertThat(flushedSpans()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void xAmznTraceIdWinsOverTraceparent(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));
    String otherTrace = "0af7651916cd43dd8448eb211c80319c";

    get(
        Endpoints.OK,
        TRACE_HEADER, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1",
        "traceparent", "00-" + otherTrace + "-b7ad6b7169203331-01");

    SpanData span = nextServerSpan();
    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_HEX);
    assertThat(span.getParentSpanContext().getSpanId()).isEqualTo(PARENT);
  }
}

package dev.tracekit.compat.xray.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.entities.Segment;
import dev.tracekit.compat.core.trace.SpanData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Asynchronous requests: the segment ends once, when the request completes, with the final
 * response.
 */
class ServletFilterAsyncTest extends ServletFilterHarness {

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void asyncRequestEndsWhenItCompletes(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.ASYNC);

    Segment segment = nextSegment();
    SpanData span = spanWithId(segment.getId());
    assertThat(reply.code).isEqualTo(Endpoints.ASYNC_STATUS);
    assertThat(reply.body).isEqualTo("async");
    assertThat(reply.traceHeader()).isEqualTo("Root=" + segment.getTraceId() + ";");
    assertThat(span.getAttributes().get(STATUS)).isEqualTo((long) Endpoints.ASYNC_STATUS);
    assertThat(serverSpans()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void asyncDispatchContinuesTheRequestSegment(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.DISPATCH, TRACE_HEADER, "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1");

    Segment segment = nextSegment();
    SpanData span = spanWithId(segment.getId());
    SpanData dispatched = exporter.byName("dispatched");
    assertThat(reply.body).isEqualTo("dispatched");
    assertThat(reply.traceHeader()).isEqualTo("Root=" + ROOT + ";");
    assertThat(span.getParentSpanContext().getSpanId()).isEqualTo(PARENT);
    assertThat(dispatched.getParentSpanContext().getSpanId()).isEqualTo(segment.getId());
    assertThat(span.getAttributes().get(STATUS)).isEqualTo(200L);
    assertThat(serverSpans()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void asyncTimeoutEndsTheSegmentOnceWithTheFinalStatus(ServletContainer container)
      throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.TIMEOUT);

    Segment segment = nextSegment();
    SpanData span = spanWithId(segment.getId());
    assertThat(reply.code).isEqualTo(500);
    assertThat(segment.isFault()).isTrue();
    assertThat(span.getAttributes().get(STATUS)).isEqualTo(500L);
    assertThat(span.getAttributes().get(FAULT)).isTrue();
    assertThat(serverSpans()).hasSize(1);
  }
}

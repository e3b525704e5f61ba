package dev.tracekit.compat.xray.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.entities.Segment;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the filter records: {@code http.request} and {@code http.response} (in the X-Ray document,
 * with the shape the X-Ray SDK 2.21.0 filter gives, and as span attributes per {@code
 * docs/mapping.md}),
 * the error/throttle/fault flags, and exceptions.
 */
class ServletFilterResponseTest extends ServletFilterHarness {

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void requestIsRecordedAsTheXRayFilterDoes(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    get(Endpoints.OK + "?q=1", "User-Agent", "legacy-client/1.0");

    Segment segment = nextSegment();
    SpanData span = spanWithId(segment.getId());
    String url = "http://127.0.0.1:" + serverPort() + Endpoints.OK;
    JsonNode http = document(segment).get("http");
    assertThat(http.get("request").get("method").asText()).isEqualTo("GET");
    assertThat(http.get("request").get("url").asText()).isEqualTo(url);
    assertThat(http.get("request").get("client_ip").asText()).isEqualTo("127.0.0.1");
    assertThat(http.get("request").get("user_agent").asText()).isEqualTo("legacy-client/1.0");
    assertThat(http.get("request").has("x_forwarded_for")).isFalse();
    assertThat(http.get("response").get("status").asInt()).isEqualTo(200);
    assertThat(http.get("response").has("content_length")).isFalse();
    assertThat(span.getAttributes().get(METHOD)).isEqualTo("GET");
    assertThat(span.getAttributes().get(URL)).isEqualTo(url);
    assertThat(span.getAttributes().get(CLIENT)).isEqualTo("127.0.0.1");
    assertThat(span.getAttributes().get(USER_AGENT)).isEqualTo("legacy-client/1.0");
    assertThat(span.getAttributes().get(STATUS)).isEqualTo(200L);
    assertThat(span.getAttributes().get(FORWARDED)).isNull();
    assertThat(span.getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void forwardedForGivesTheClientAddress(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    get(Endpoints.OK, "X-Forwarded-For", "203.0.113.9, 10.0.0.1");

    Segment segment = nextSegment();
    SpanData span = spanWithId(segment.getId());
    JsonNode request = document(segment).get("http").get("request");
    assertThat(request.get("client_ip").asText()).isEqualTo("203.0.113.9");
    assertThat(request.get("x_forwarded_for").isBoolean()).isTrue();
    assertThat(request.get("x_forwarded_for").asBoolean()).isTrue();
    assertThat(span.getAttributes().get(CLIENT)).isEqualTo("203.0.113.9");
    assertThat(span.getAttributes().get(FORWARDED)).isTrue();
  }

  static Stream<Arguments> statuses() {
    List<Arguments> cases = new ArrayList<>();
    for (ServletContainer container : ServletContainer.values()) {
      // status, error, throttle, fault
      cases.add(Arguments.of(container, 200, false, false, false));
      cases.add(Arguments.of(container, 404, true, false, false));
      cases.add(Arguments.of(container, 429, true, true, false));
      cases.add(Arguments.of(container, 500, false, false, true));
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void statusSetsTheErrorThrottleAndFaultFlags(
      ServletContainer container, int status, boolean error, boolean throttle, boolean fault)
      throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.STATUS + status);

    Segment segment = nextSegment();
    SpanData span = spanWithId(segment.getId());
    assertThat(reply.code).isEqualTo(status);
    assertThat(segment.isError()).isEqualTo(error);
    assertThat(segment.isThrottle()).isEqualTo(throttle);
    assertThat(segment.isFault()).isEqualTo(fault);
    assertThat(span.getAttributes().get(STATUS)).isEqualTo((long) status);
    assertThat(span.getAttributes().get(ERROR)).isEqualTo(error ? Boolean.TRUE : null);
    assertThat(span.getAttributes().get(THROTTLE)).isEqualTo(throttle ? Boolean.TRUE : null);
    assertThat(span.getAttributes().get(FAULT)).isEqualTo(fault ? Boolean.TRUE : null);
    assertThat(span.getStatusCode()).isEqualTo(error || fault ? StatusCode.ERROR : StatusCode.UNSET);
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void contentLengthIsRecordedWhenTheResponseDeclaresIt(ServletContainer container)
      throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.LENGTH);

    Segment segment = nextSegment();
    JsonNode response = document(segment).get("http").get("response");
    assertThat(reply.body).isEqualTo("hello");
    if (container.contentLengthVisible()) {
      assertThat(response.get("content_length").asInt()).isEqualTo(5);
      assertThat(spanWithId(segment.getId()).getAttributes().get(BODY_SIZE)).isEqualTo(5L);
    } else {
      assertThat(response.has("content_length")).isFalse();
      assertThat(spanWithId(segment.getId()).getAttributes().get(BODY_SIZE)).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void exceptionFromTheServletIsRecordedAndRethrown(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    Reply reply = get(Endpoints.THROW);

    Segment segment = nextSegment();
    SpanData span = spanWithId(segment.getId());
    assertThat(reply.code).as("the container saw the exception").isEqualTo(500);
    assertThat(segment.isFault()).isTrue();
    assertThat(segment.getCause().getExceptions()).hasSize(1);
    assertThat(span.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatusDescription()).isEqualTo(Endpoints.BOOM);
    assertThat(span.getAttributes().get(FAULT)).isTrue();
    assertThat(span.getEvents()).hasSize(1);
    EventData event = span.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo(Endpoints.BOOM);
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void subsegmentsAndTraceKitSpansInTheRequestAreItsChildren(ServletContainer container)
      throws Exception {
    serve(container, FilterSetup.fixed("svc"));

    get(Endpoints.WORK);

    Segment segment = nextSegment();
    SpanData root = spanWithId(segment.getId());
    SpanData work = exporter.byName("work");
    SpanData inner = exporter.byName("tracekit-inner");
    assertThat(work.getParentSpanContext().getSpanId()).isEqualTo(root.getSpanContext().getSpanId());
    assertThat(inner.getParentSpanContext().getSpanId()).isEqualTo(work.getSpanContext().getSpanId());
    assertThat(inner.getSpanContext().getTraceId()).isEqualTo(root.getSpanContext().getTraceId());
  }
}

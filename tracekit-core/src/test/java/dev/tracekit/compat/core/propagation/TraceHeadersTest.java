package dev.tracekit.compat.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.SpanContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {
  private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";
  private static final String OTHER_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN_ID = "53995c3f42cd8ad8";
  private static final String OTHER_SPAN_ID = "b7ad6b7169203331";

  @Test
  void injectWritesBothHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();

    TraceHeaders.inject(SpanContext.create(TRACE_ID, SPAN_ID, true), headers::put);

    assertThat(headers)
        .containsExactly(
            entry("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01"),
            entry(
                "X-Amzn-Trace-Id",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + SPAN_ID + ";Sampled=1"));
  }

  @Test
  void injectPropagatesUnsampledContexts() {
    Map<String, String> headers = new LinkedHashMap<>();

    TraceHeaders.inject(SpanContext.create(TRACE_ID, SPAN_ID, false), headers::put);

    assertThat(headers.get("traceparent")).endsWith("-00");
    assertThat(headers.get("X-Amzn-Trace-Id")).endsWith(";Sampled=0");
  }

  @Test
  void injectWritesNothingForAnInvalidContext() {
    Map<String, String> headers = new LinkedHashMap<>();

    TraceHeaders.inject(SpanContext.invalid(), headers::put);

    assertThat(headers).isEmpty();
  }

  @Test
  void injectedHeadersExtractToTheSameIds() {
    Map<String, String> headers = new LinkedHashMap<>();
    TraceHeaders.inject(SpanContext.create(TRACE_ID, SPAN_ID, true), headers::put);

    assertThat(TraceHeaders.extract(headers::get))
        .isEqualTo(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, true));
    headers.remove("traceparent");
    assertThat(TraceHeaders.extract(headers::get))
        .isEqualTo(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, true));
  }

  @Test
  void extractPrefersAValidTraceparent() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("traceparent", "00-" + OTHER_TRACE_ID + "-" + OTHER_SPAN_ID + "-00");
    headers.put("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + SPAN_ID);

    assertThat(TraceHeaders.extract(headers::get))
        .isEqualTo(SpanContext.createFromRemoteParent(OTHER_TRACE_ID, OTHER_SPAN_ID, false));
  }

  @Test
  void extractFallsBackToTheAwsHeaderWhenTraceparentIsMalformed() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("traceparent", "00-" + OTHER_TRACE_ID.toUpperCase(java.util.Locale.ROOT) + "-x-01");
    headers.put(
        "X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + SPAN_ID + ";Sampled=?");

    assertThat(TraceHeaders.extract(headers::get))
        .isEqualTo(SpanContext.createFromRemoteParentWithoutDecision(TRACE_ID, SPAN_ID));
  }

  @Test
  void extractReturnsInvalidWithoutAParent() {
    Map<String, String> headers = new LinkedHashMap<>();
    assertThat(TraceHeaders.extract(headers::get)).isSameAs(SpanContext.invalid());

    headers.put("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
    assertThat(TraceHeaders.extract(headers::get)).isSameAs(SpanContext.invalid());

    headers.put("X-Amzn-Trace-Id", "garbage");
    headers.put("traceparent", "garbage");
    assertThat(TraceHeaders.extract(headers::get)).isSameAs(SpanContext.invalid());
  }

  private static Map.Entry<String, String> entry(String key, String value) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(key, value);
  }
}

package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.testing.ReceivedSpan;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/** Checks the trace headers an integration module put on an outgoing request against its span. */
final class TraceHeaderAssert {
  private TraceHeaderAssert() {}

  /**
   * Asserts that {@code xAmznTraceId} (the request's {@code X-Amzn-Trace-Id}) names {@code span}:
   * its trace as {@code Root}, its id as {@code Parent}, and {@code Sampled=1}; and that the
   * request has no {@code traceparent}: the X-Ray modules write only X-Ray's header (see the
   * migration guide), and the shim has no hook to add another on a request they build.
   */
  static void assertHeadersName(
      ReceivedSpan span, @Nullable String xAmznTraceId, @Nullable String traceparent) {
    assertThat(xAmznTraceId).as("X-Amzn-Trace-Id").isNotNull();
    Map<String, String> fields = fields(xAmznTraceId);
    String traceId = span.getTraceId();
    assertThat(fields)
        .as("X-Amzn-Trace-Id %s", xAmznTraceId)
        .containsEntry("Root", "1-" + traceId.substring(0, 8) + "-" + traceId.substring(8))
        .containsEntry("Parent", span.getSpanId())
        .containsEntry("Sampled", "1");
    assertThat(traceparent).as("traceparent").isNull();
  }

  private static Map<String, String> fields(String header) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : header.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return fields;
  }
}

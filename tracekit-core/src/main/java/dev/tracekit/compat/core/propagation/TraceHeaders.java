package dev.tracekit.compat.core.propagation;

import dev.tracekit.compat.core.api.SpanContext;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Writes and reads trace context in both header formats at once, W3C {@code traceparent} and AWS
 * {@code X-Amzn-Trace-Id}, so that a fleet mixing OpenTelemetry and X-Ray services keeps one trace
 * id. Stateless and thread-safe.
 *
 * <pre>{@code
 * TraceHeaders.inject(span.getSpanContext(), requestBuilder::header);
 * SpanContext parent = TraceHeaders.extract(request::getHeader);
 * }</pre>
 */
public final class TraceHeaders {

  private TraceHeaders() {}

  /**
   * Writes {@code traceparent} and {@code X-Amzn-Trace-Id} for {@code context} through {@code
   * setter} (name, value). Writes nothing when {@code context} is invalid. Exceptions from {@code
   * setter} reach the caller.
   */
  public static void inject(SpanContext context, BiConsumer<String, String> setter) {
    String traceparent = W3CTraceparent.format(context);
    String aws = AwsTraceHeader.format(context);
    if (traceparent == null || aws == null) {
      return;
    }
    setter.accept(W3CTraceparent.HEADER_NAME, traceparent);
    setter.accept(AwsTraceHeader.HEADER_NAME, aws);
  }

  /**
   * Returns the remote parent found through {@code getter}, which maps a header name to its value
   * or null and should match names case-insensitively, as HTTP does. A valid {@code traceparent}
   * wins; otherwise an {@code X-Amzn-Trace-Id} with a {@code Parent}; otherwise {@link
   * SpanContext#invalid()}. Malformed values are ignored; exceptions from {@code getter} reach the
   * caller.
   */
  public static SpanContext extract(Function<String, String> getter) {
    SpanContext w3c = W3CTraceparent.parse(getter.apply(W3CTraceparent.HEADER_NAME));
    if (w3c.isValid()) {
      return w3c;
    }
    AwsTraceHeader aws = AwsTraceHeader.parse(getter.apply(AwsTraceHeader.HEADER_NAME));
    return aws == null ? SpanContext.invalid() : aws.toSpanContext();
  }
}

package dev.tracekit.compat.testing;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One accepted OTLP/HTTP export as an {@link OtlpCollector} received it: the decoded request, the
 * headers (names in lower case) and the spans it carried. Immutable.
 */
public final class ReceivedRequest {
  private final ExportTraceServiceRequest request;
  private final Map<String, List<String>> headers;
  private final List<ReceivedSpan> spans;

  ReceivedRequest(
      ExportTraceServiceRequest request, Map<String, List<String>> headers, List<ReceivedSpan> spans) {
    this.request = request;
    this.headers = headers;
    this.spans = spans;
  }

  /** Returns the decoded request. */
  public ExportTraceServiceRequest getRequest() {
    return request;
  }

  /** Returns every header, keyed by lower-case name, values in the order received. */
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  /** Returns the first value of a header, matching the name case-insensitively, or null. */
  @Nullable
  public String getHeader(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Returns the media type of the body without parameters, e.g. {@code application/json}. */
  public String getContentType() {
    return OtlpCollector.mediaType(getHeader("Content-Type"));
  }

  /** Returns true when the body was gzip-compressed. */
  public boolean isGzip() {
    return "gzip".equalsIgnoreCase(getHeader("Content-Encoding"));
  }

  /** Returns the spans of this request, in order. */
  public List<ReceivedSpan> getSpans() {
    return spans;
  }

  /** Returns a summary without header values, which may hold an API key. */
  @Override
  public String toString() {
    return "ReceivedRequest{" + getContentType() + (isGzip() ? ", gzip" : "") + ", "
        + spans.size() + " spans}";
  }
}

package dev.tracekit.compat.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * A request an {@link OtlpCollector} refused: the status it answered, why, and the raw request
 * (body as received, still compressed if it was). Immutable.
 */
public final class RejectedRequest {
  private final int statusCode;
  private final String reason;
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  RejectedRequest(
      int statusCode,
      String reason,
      String method,
      String path,
      Map<String, List<String>> headers,
      byte[] body) {
    this.statusCode = statusCode;
    this.reason = reason;
    this.method = method;
    this.path = path;
    this.headers = headers;
    this.body = body.clone();
  }

  /** Returns the HTTP status the collector answered, e.g. 400. */
  public int getStatusCode() {
    return statusCode;
  }

  /** Returns what was wrong, in words. */
  public String getReason() {
    return reason;
  }

  /** Returns the request method. */
  public String getMethod() {
    return method;
  }

  /** Returns the request path. */
  public String getPath() {
    return path;
  }

  /** Returns every header, keyed by lower-case name. */
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  /** Returns the first value of a header, matching the name case-insensitively, or null. */
  @Nullable
  public String getHeader(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Returns a copy of the body as received; empty when it was over the size limit. */
  public byte[] getBody() {
    return body.clone();
  }

  /** Returns status, method, path and reason; never header values. */
  @Override
  public String toString() {
    return statusCode + " " + method + " " + path + ": " + reason;
  }
}

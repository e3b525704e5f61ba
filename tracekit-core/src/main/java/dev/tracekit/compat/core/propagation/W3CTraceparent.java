package dev.tracekit.compat.core.propagation;

import dev.tracekit.compat.core.api.SpanContext;
import javax.annotation.Nullable;

/**
 * The W3C Trace Context {@code traceparent} header: {@code 00-{trace id}-{span id}-{flags}}, with a
 * 32-digit trace id, a 16-digit span id and 2-digit flags, all lowercase hex. Stateless and
 * thread-safe; nothing here throws.
 *
 * <pre>{@code
 * String value = W3CTraceparent.format(span.getSpanContext());
 * // 00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01
 * SpanContext parent = W3CTraceparent.parse(request.getHeader(W3CTraceparent.HEADER_NAME));
 * }</pre>
 *
 * <p>Parsing follows the W3C rules: version {@code 00} is exactly 55 characters; a higher version
 * may be longer when a {@code '-'} follows the flags (the rest is ignored); version {@code ff},
 * uppercase hex and all-zero ids are rejected. Only the sampled flag (bit 0) is read.
 */
public final class W3CTraceparent {
  /** The header name, {@code traceparent}. */
  public static final String HEADER_NAME = "traceparent";

  private static final int LENGTH = 55;
  private static final int TRACE_ID_OFFSET = 3;
  private static final int SPAN_ID_OFFSET = 36;
  private static final int FLAGS_OFFSET = 53;

  private W3CTraceparent() {}

  /**
   * Returns the header value for {@code context}: version {@code 00} and flags {@code 01} when
   * sampled, {@code 00} otherwise (also when the sampling decision was deferred). Returns null when
   * {@code context} is invalid, since there is nothing to propagate.
   */
  @Nullable
  public static String format(SpanContext context) {
    if (!context.isValid()) {
      return null;
    }
    return "00-"
        + context.getTraceId()
        + '-'
        + context.getSpanId()
        + (context.isSampled() ? "-01" : "-00");
  }

  /**
   * Returns the remote parent that {@code value} describes, or {@link SpanContext#invalid()} when
   * {@code value} is null or malformed.
   */
  public static SpanContext parse(@Nullable String value) {
    if (value == null || value.length() < LENGTH) {
      return SpanContext.invalid();
    }
    if (!isLowerHex(value, 0, 2) || value.charAt(2) != '-') {
      return SpanContext.invalid();
    }
    boolean version00 = value.charAt(0) == '0' && value.charAt(1) == '0';
    boolean versionFf = value.charAt(0) == 'f' && value.charAt(1) == 'f';
    if (versionFf
        || (version00 && value.length() != LENGTH)
        || (value.length() > LENGTH && value.charAt(LENGTH) != '-')) {
      return SpanContext.invalid();
    }
    if (!isLowerHex(value, TRACE_ID_OFFSET, 32)
        || value.charAt(SPAN_ID_OFFSET - 1) != '-'
        || !isLowerHex(value, SPAN_ID_OFFSET, 16)
        || value.charAt(FLAGS_OFFSET - 1) != '-'
        || !isLowerHex(value, FLAGS_OFFSET, 2)) {
      return SpanContext.invalid();
    }
    boolean sampled = (Character.digit(value.charAt(FLAGS_OFFSET + 1), 16) & 1) != 0;
    // SpanContext rejects all-zero ids.
    return SpanContext.createFromRemoteParent(
        value.substring(TRACE_ID_OFFSET, TRACE_ID_OFFSET + 32),
        value.substring(SPAN_ID_OFFSET, SPAN_ID_OFFSET + 16),
        sampled);
  }

  private static boolean isLowerHex(String s, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}

package dev.tracekit.compat.core.propagation;

import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.internal.Hex;
import java.util.Locale;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A parsed AWS {@code X-Amzn-Trace-Id} header, {@code
 * Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}. Immutable and
 * thread-safe; nothing here throws.
 *
 * <pre>{@code
 * AwsTraceHeader header = AwsTraceHeader.parse(request.getHeader(AwsTraceHeader.HEADER_NAME));
 * if (header != null) {
 *   SpanContext parent = header.toSpanContext(); // invalid when there is no Parent
 * }
 * }</pre>
 *
 * <p>The AWS trace id {@code 1-5759e988-bd862e3fe1be46a994272793} and the span trace id {@code
 * 5759e988bd862e3fe1be46a994272793} are the same 128 bits: {@link #formatTraceId} and {@link
 * #parseTraceId} convert between them. Unlike {@code traceparent}, the header may lack a parent (a
 * load balancer only adds a {@code Root}) or a sampling decision, so a parsed header keeps what it
 * found: use {@link #getTraceId()} to continue a trace that has no parent span.
 */
public final class AwsTraceHeader {
  /** The header name, {@code X-Amzn-Trace-Id}. */
  public static final String HEADER_NAME = "X-Amzn-Trace-Id";

  /** The {@code Sampled} field of the header. */
  public enum SamplingDecision {
    /** {@code Sampled=1}. */
    SAMPLED,
    /** {@code Sampled=0}. */
    NOT_SAMPLED,
    /** No {@code Sampled} field: the receiver decides. */
    UNKNOWN,
    /** {@code Sampled=?}: the receiver decides (and AWS expects it to say so in its response). */
    REQUESTED
  }

  private final String traceId;
  @Nullable private final String parentId;
  private final SamplingDecision samplingDecision;

  private AwsTraceHeader(
      String traceId, @Nullable String parentId, SamplingDecision samplingDecision) {
    this.traceId = traceId;
    this.parentId = parentId;
    this.samplingDecision = samplingDecision;
  }

  /**
   * Returns the header value for {@code context}, such as {@code
   * Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}. {@code Sampled} is
   * {@code 1} or {@code 0}, or {@code ?} for a remote context that left the decision open. Returns
   * null when {@code context} is invalid.
   */
  @Nullable
  public static String format(SpanContext context) {
    if (!context.isValid()) {
      return null;
    }
    String sampled = context.isSamplingDeferred() ? "?" : context.isSampled() ? "1" : "0";
    return "Root="
        + formatTraceId(context.getTraceId())
        + ";Parent="
        + context.getSpanId()
        + ";Sampled="
        + sampled;
  }

  /**
   * Parses a header value. Fields may come in any order, separated by {@code ';'} with optional
   * spaces; keys are case-sensitive ({@code Root}, {@code Parent}, {@code Sampled}) and others, such
   * as {@code Self} or {@code Lineage}, are ignored. Returns null when {@code value} is null, has no
   * valid {@code Root}, or has a malformed {@code Parent} or {@code Sampled}.
   */
  @Nullable
  public static AwsTraceHeader parse(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String traceId = null;
    String parentId = null;
    SamplingDecision decision = SamplingDecision.UNKNOWN;
    for (String field : value.split(";")) {
      int equals = field.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = field.substring(0, equals).trim();
      String fieldValue = field.substring(equals + 1).trim();
      switch (key) {
        case "Root":
          traceId = parseTraceId(fieldValue);
          if (traceId == null) {
            return null;
          }
          break;
        case "Parent":
          if (!Hex.isHex(fieldValue, 16) || Hex.toLong(fieldValue, 0) == 0) {
            return null;
          }
          parentId = fieldValue.toLowerCase(Locale.ROOT);
          break;
        case "Sampled":
          decision = parseDecision(fieldValue);
          if (decision == null) {
            return null;
          }
          break;
        default:
          break;
      }
    }
    return traceId == null ? null : new AwsTraceHeader(traceId, parentId, decision);
  }

  @Nullable
  private static SamplingDecision parseDecision(String value) {
    switch (value) {
      case "1":
        return SamplingDecision.SAMPLED;
      case "0":
        return SamplingDecision.NOT_SAMPLED;
      case "?":
        return SamplingDecision.REQUESTED;
      default:
        return null;
    }
  }

  /**
   * Returns the AWS form {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy} of a 32-hex-digit trace id, or
   * null when {@code traceIdHex} is malformed or all zero.
   */
  @Nullable
  public static String formatTraceId(@Nullable String traceIdHex) {
    if (traceIdHex == null || !isValidTraceId(traceIdHex)) {
      return null;
    }
    String hex = traceIdHex.toLowerCase(Locale.ROOT);
    return "1-" + hex.substring(0, 8) + '-' + hex.substring(8);
  }

  /**
   * Returns the 32 lowercase hex digits of an AWS trace id {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy}
   * (either case), or null when {@code awsTraceId} is malformed or all zero.
   */
  @Nullable
  public static String parseTraceId(@Nullable String awsTraceId) {
    if (awsTraceId == null
        || awsTraceId.length() != 35
        || !awsTraceId.startsWith("1-")
        || awsTraceId.charAt(10) != '-') {
      return null;
    }
    String hex = awsTraceId.substring(2, 10) + awsTraceId.substring(11);
    return isValidTraceId(hex) ? hex.toLowerCase(Locale.ROOT) : null;
  }

  private static boolean isValidTraceId(String hex) {
    return Hex.isHex(hex, 32) && (Hex.toLong(hex, 0) != 0 || Hex.toLong(hex, 16) != 0);
  }

  /** Returns the trace id as 32 lowercase hex digits. */
  public String getTraceId() {
    return traceId;
  }

  /** Returns the parent span id as 16 lowercase hex digits, or null when the header had none. */
  @Nullable
  public String getParentId() {
    return parentId;
  }

  /** Returns the {@code Sampled} field. */
  public SamplingDecision getSamplingDecision() {
    return samplingDecision;
  }

  /**
   * Returns the remote parent this header describes, or {@link SpanContext#invalid()} when it has
   * no {@code Parent}. Without a decision ({@link SamplingDecision#UNKNOWN} or {@link
   * SamplingDecision#REQUESTED}) the context {@linkplain SpanContext#isSamplingDeferred() defers}
   * sampling to this process.
   */
  public SpanContext toSpanContext() {
    if (parentId == null) {
      return SpanContext.invalid();
    }
    switch (samplingDecision) {
      case SAMPLED:
        return SpanContext.createFromRemoteParent(traceId, parentId, true);
      case NOT_SAMPLED:
        return SpanContext.createFromRemoteParent(traceId, parentId, false);
      default:
        return SpanContext.createFromRemoteParentWithoutDecision(traceId, parentId);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AwsTraceHeader)) {
      return false;
    }
    AwsTraceHeader that = (AwsTraceHeader) o;
    return traceId.equals(that.traceId)
        && Objects.equals(parentId, that.parentId)
        && samplingDecision == that.samplingDecision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(traceId, parentId, samplingDecision);
  }

  /** Returns the header value this object stands for (unknown fields of the input are not kept). */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(80).append("Root=").append(formatTraceId(traceId));
    if (parentId != null) {
      s.append(";Parent=").append(parentId);
    }
    switch (samplingDecision) {
      case SAMPLED:
        return s.append(";Sampled=1").toString();
      case NOT_SAMPLED:
        return s.append(";Sampled=0").toString();
      case REQUESTED:
        return s.append(";Sampled=?").toString();
      default:
        return s.toString();
    }
  }
}

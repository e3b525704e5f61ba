package dev.tracekit.compat.core.api;

import dev.tracekit.compat.core.internal.Hex;
import javax.annotation.Nullable;

/**
 * The identity of a span as it travels: a 128-bit trace id, a 64-bit span id, the sampling
 * decision, and whether it came from another process. Immutable.
 *
 * <p>Trace ids that TraceKit generates start with the epoch seconds in their first 4 bytes, so each
 * one also has an AWS form {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy}. A context whose ids are all
 * zero is {@linkplain #isValid() invalid}: factories return {@link #invalid()} for malformed input
 * instead of throwing.
 */
public final class SpanContext {
  private static final SpanContext INVALID = new SpanContext(0, 0, 0, false, false, false);

  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final boolean sampled;
  private final boolean remote;
  private final boolean samplingDeferred;
  @Nullable private String traceIdHex;
  @Nullable private String spanIdHex;

  private SpanContext(
      long traceIdHigh,
      long traceIdLow,
      long spanId,
      boolean sampled,
      boolean remote,
      boolean samplingDeferred) {
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = spanId;
    this.sampled = sampled;
    this.remote = remote;
    this.samplingDeferred = samplingDeferred;
  }

  /** Returns the invalid context (all-zero ids, not sampled). */
  public static SpanContext invalid() {
    return INVALID;
  }

  /**
   * Returns a local context from hex ids (32 and 16 hex digits, either case), or {@link #invalid()}
   * when either id is malformed or all zero.
   */
  public static SpanContext create(String traceIdHex, String spanIdHex, boolean sampled) {
    return fromHex(traceIdHex, spanIdHex, sampled, false, false);
  }

  /**
   * Returns a context received from another process, or {@link #invalid()} when an id is malformed.
   */
  public static SpanContext createFromRemoteParent(
      String traceIdHex, String spanIdHex, boolean sampled) {
    return fromHex(traceIdHex, spanIdHex, sampled, true, false);
  }

  /**
   * Returns a context received from another process that left the sampling decision to this one
   * (AWS {@code Sampled=?} or no {@code Sampled} at all). A parent-based sampler decides for such a
   * parent as for a new root, keeping its trace id.
   */
  public static SpanContext createFromRemoteParentWithoutDecision(
      String traceIdHex, String spanIdHex) {
    return fromHex(traceIdHex, spanIdHex, false, true, true);
  }

  /**
   * Returns a context from numeric ids, or {@link #invalid()} when the trace id or the span id is
   * zero. This is the allocation-light form the span pipeline uses.
   */
  public static SpanContext fromIds(
      long traceIdHigh, long traceIdLow, long spanId, boolean sampled, boolean remote) {
    if ((traceIdHigh == 0 && traceIdLow == 0) || spanId == 0) {
      return INVALID;
    }
    return new SpanContext(traceIdHigh, traceIdLow, spanId, sampled, remote, false);
  }

  private static SpanContext fromHex(
      @Nullable String traceIdHex,
      @Nullable String spanIdHex,
      boolean sampled,
      boolean remote,
      boolean deferred) {
    if (traceIdHex == null
        || spanIdHex == null
        || !Hex.isHex(traceIdHex, 32)
        || !Hex.isHex(spanIdHex, 16)) {
      return INVALID;
    }
    long high = Hex.toLong(traceIdHex, 0);
    long low = Hex.toLong(traceIdHex, 16);
    long span = Hex.toLong(spanIdHex, 0);
    if ((high == 0 && low == 0) || span == 0) {
      return INVALID;
    }
    return new SpanContext(high, low, span, sampled && !deferred, remote, deferred);
  }

  /** Returns the trace id as 32 lowercase hex digits. */
  public String getTraceId() {
    String hex = traceIdHex;
    if (hex == null) {
      hex = Hex.fromLongs(traceIdHigh, traceIdLow);
      traceIdHex = hex;
    }
    return hex;
  }

  /** Returns the span id as 16 lowercase hex digits. */
  public String getSpanId() {
    String hex = spanIdHex;
    if (hex == null) {
      hex = Hex.fromLong(spanId);
      spanIdHex = hex;
    }
    return hex;
  }

  /** Returns the first 8 bytes of the trace id. */
  public long getTraceIdHigh() {
    return traceIdHigh;
  }

  /** Returns the last 8 bytes of the trace id (random for generated ids). */
  public long getTraceIdLow() {
    return traceIdLow;
  }

  /** Returns the span id as a number. */
  public long getSpanIdAsLong() {
    return spanId;
  }

  /** Returns true when the span is recorded and exported. */
  public boolean isSampled() {
    return sampled;
  }

  /** Returns true when this context was received from another process. */
  public boolean isRemote() {
    return remote;
  }

  /** Returns true when the sender left the sampling decision to this process. */
  public boolean isSamplingDeferred() {
    return samplingDeferred;
  }

  /** Returns true when both ids are non-zero. */
  public boolean isValid() {
    return spanId != 0 && (traceIdHigh != 0 || traceIdLow != 0);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SpanContext)) {
      return false;
    }
    SpanContext that = (SpanContext) o;
    return traceIdHigh == that.traceIdHigh
        && traceIdLow == that.traceIdLow
        && spanId == that.spanId
        && sampled == that.sampled
        && remote == that.remote
        && samplingDeferred == that.samplingDeferred;
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(traceIdHigh);
    h = h * 31 + Long.hashCode(traceIdLow);
    h = h * 31 + Long.hashCode(spanId);
    return h * 8 + (sampled ? 4 : 0) + (remote ? 2 : 0) + (samplingDeferred ? 1 : 0);
  }

  @Override
  public String toString() {
    return "SpanContext{traceId="
        + getTraceId()
        + ", spanId="
        + getSpanId()
        + ", sampled="
        + (samplingDeferred ? "?" : String.valueOf(sampled))
        + (remote ? ", remote" : "")
        + '}';
  }
}

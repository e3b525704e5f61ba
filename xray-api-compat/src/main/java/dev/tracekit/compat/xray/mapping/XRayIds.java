package dev.tracekit.compat.xray.mapping;

import dev.tracekit.compat.core.internal.Hex;
import javax.annotation.Nullable;

/**
 * X-Ray ids as span ids ({@code docs/mapping.md}, "Span fields"): a trace id {@code
 * 1-5759e988-bd862e3fe1be46a994272793} is the 128-bit trace id {@code 5759e988bd862e3fe1be46a994272793}
 * (the version and dashes go); an entity id of 16 hex digits is the span id; and X-Ray's times,
 * epoch seconds in a double, are epoch nanoseconds to the microsecond.
 */
public final class XRayIds {
  private static final int TRACE_ID_LENGTH = 35;

  private XRayIds() {}

  /** Returns true for a trace id of the form {@code 1-<8 hex>-<24 hex>}. */
  public static boolean isTraceId(@Nullable String id) {
    return id != null
        && id.length() == TRACE_ID_LENGTH
        && id.charAt(0) == '1'
        && id.charAt(1) == '-'
        && id.charAt(10) == '-'
        && Hex.isHex(id, 2, 10)
        && Hex.isHex(id, 11, TRACE_ID_LENGTH);
  }

  /** Returns the high 64 bits of a trace id that {@link #isTraceId} accepts: epoch and 8 digits. */
  public static long traceIdHigh(String id) {
    return (Hex.toLong(id, 2, 10) << 32) | Hex.toLong(id, 11, 19);
  }

  /** Returns the low 64 bits of a trace id that {@link #isTraceId} accepts: its last 16 digits. */
  public static long traceIdLow(String id) {
    return Hex.toLong(id, 19, TRACE_ID_LENGTH);
  }

  /** Returns an entity id of 16 hex digits as a span id, else 0 (a new random id). */
  public static long spanId(@Nullable String id) {
    return id != null && Hex.isHex(id, 16) ? Hex.toLong(id, 0) : 0;
  }

  /**
   * Converts X-Ray epoch seconds to epoch nanoseconds, to the microsecond (what a double holds for
   * current dates).
   */
  public static long secondsToNanos(double epochSeconds) {
    // Whole seconds and fraction apart (the subtraction is exact): epochSeconds * 1e6 would round
    // once more in the product, whose spacing is 0.25 µs for current dates, and could carry a
    // fraction just under half a microsecond up to the next one.
    double whole = Math.floor(epochSeconds);
    long micros = Math.round((epochSeconds - whole) * 1_000_000.0);
    return (long) whole * 1_000_000_000L + micros * 1_000L;
  }
}

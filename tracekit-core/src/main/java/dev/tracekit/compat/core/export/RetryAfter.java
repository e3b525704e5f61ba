package dev.tracekit.compat.core.export;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/** Reads the HTTP {@code Retry-After} header: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {
  /** What {@link #parseNanos} returns when there is no usable value. */
  static final long NONE = -1;

  private RetryAfter() {}

  /**
   * Returns the wait {@code value} asks for, in nanoseconds, measuring a date against {@code
   * nowMillis} (a date in the past means 0), or {@link #NONE} when the header is absent or
   * unreadable. More seconds than fit in a long saturate to {@link Long#MAX_VALUE}.
   */
  static long parseNanos(@Nullable String value, long nowMillis) {
    if (value == null) {
      return NONE;
    }
    String trimmed = value.trim();
    if (!trimmed.isEmpty() && isDigits(trimmed)) {
      return trimmed.length() > 18
          ? Long.MAX_VALUE
          : TimeUnit.SECONDS.toNanos(Long.parseLong(trimmed));
    }
    try {
      long at =
          ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant()
              .toEpochMilli();
      return TimeUnit.MILLISECONDS.toNanos(Math.max(0, at - nowMillis));
    } catch (DateTimeParseException e) {
      return NONE;
    }
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}

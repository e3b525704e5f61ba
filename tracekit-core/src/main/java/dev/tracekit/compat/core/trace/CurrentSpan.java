package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.Span;
import javax.annotation.Nullable;

/** The current span of each thread. One per class loader, shared by every tracer. */
final class CurrentSpan {
  private static final ThreadLocal<Span> CURRENT = new ThreadLocal<>();

  private CurrentSpan() {}

  @Nullable
  static Span get() {
    return CURRENT.get();
  }

  static void set(@Nullable Span span) {
    if (span == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(span);
    }
  }
}

package dev.tracekit.compat.core.api;

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
    if (span == null || !span.getSpanContext().isValid()) {
      // Not remove(): the thread's entry is kept for the next span, instead of made again.
      CURRENT.set(null);
    } else {
      CURRENT.set(span);
    }
  }

  /**
   * Makes {@code span} current on this thread (an invalid span means none) until the returned scope
   * is closed on this thread.
   */
  static Scope makeCurrent(Span span) {
    Span before = CURRENT.get();
    if (before == span) {
      return NoopScope.INSTANCE;
    }
    set(span);
    return new RestoringScope(before, Thread.currentThread());
  }

  private enum NoopScope implements Scope {
    INSTANCE;

    @Override
    public void close() {}
  }

  /** Puts back the span that was current when the scope opened. */
  private static final class RestoringScope implements Scope {
    @Nullable private final Span before;
    private final Thread thread;
    private boolean closed;

    RestoringScope(@Nullable Span before, Thread thread) {
      this.before = before;
      this.thread = thread;
    }

    @Override
    public void close() {
      if (closed || Thread.currentThread() != thread) {
        return;
      }
      closed = true;
      set(before);
    }
  }
}

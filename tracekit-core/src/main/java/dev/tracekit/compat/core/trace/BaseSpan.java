package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.Scope;
import dev.tracekit.compat.core.Span;
import javax.annotation.Nullable;

/**
 * What recording and non-recording spans share: becoming current when started, and restoring the
 * previous current span when closed. Closing out of order is tolerated: spans that already ended are
 * skipped when the previous span is restored.
 */
abstract class BaseSpan implements Span {
  // Written and read only by the thread that started the span.
  @Nullable private Span previous;
  @Nullable private Thread attachedThread;

  /** Returns true once the span has ended. */
  abstract boolean hasEnded();

  /** Makes this span current on this thread, remembering what was current before. */
  final void attach() {
    previous = CurrentSpan.get();
    attachedThread = Thread.currentThread();
    CurrentSpan.set(this);
  }

  @Override
  public final void close() {
    end();
    if (attachedThread != Thread.currentThread() || CurrentSpan.get() != this) {
      return;
    }
    Span restore = previous;
    while (restore instanceof BaseSpan && ((BaseSpan) restore).hasEnded()) {
      restore = ((BaseSpan) restore).previous;
    }
    CurrentSpan.set(restore);
  }

  @Override
  public final Scope makeCurrent() {
    Span before = CurrentSpan.get();
    if (before == this) {
      return NoopScope.INSTANCE;
    }
    CurrentSpan.set(this);
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
      CurrentSpan.set(before);
    }
  }
}

package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.Scope;
import dev.tracekit.compat.core.Span;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * What recording and non-recording spans share: becoming current when started, and, when they end
 * on the thread that started them, making the previous current span current again. Ending out of
 * order is tolerated: spans that already ended are skipped when the previous span is restored.
 */
abstract class BaseSpan implements Span {
  // Written and read only by the thread that started the span.
  @Nullable private Span previous;
  @Nullable private Thread attachedThread;

  /** Returns true once the span has ended. */
  abstract boolean hasEnded();

  /**
   * Ends the span at {@code epochNanos}, or now when it is negative. Returns true when this call
   * ended it, false when it had ended before.
   */
  abstract boolean endAt(long epochNanos);

  /** Makes this span current on this thread, remembering what was current before. */
  final void attach() {
    previous = CurrentSpan.get();
    attachedThread = Thread.currentThread();
    CurrentSpan.set(this);
  }

  @Override
  public final void end() {
    endAt(-1);
    restorePrevious();
  }

  @Override
  public final void end(long timestamp, TimeUnit unit) {
    endAt(unit == null ? -1 : unit.toNanos(timestamp));
    restorePrevious();
  }

  @Override
  public final void close() {
    end();
  }

  /**
   * Restores the previous span when this one is still current on the thread that started it; also
   * when the span was ended before, on another thread, so that closing it here still cleans up.
   */
  private void restorePrevious() {
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
    return CurrentSpan.makeCurrent(this);
  }
}

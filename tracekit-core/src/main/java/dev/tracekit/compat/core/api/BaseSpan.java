package dev.tracekit.compat.core.api;

import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * The base of TraceKit's spans: what {@link Span#end()} promises about the current span. A span
 * that was made current by starting it makes the previous current span current again when it ends
 * on the thread that started it; ending out of order is tolerated, spans that already ended are
 * skipped when the previous span is restored.
 *
 * <p>The SDK's spans extend it; an app has no reason to. Subclasses say whether the span has ended
 * and how it ends, and call {@link #attach()} once, when the span starts.
 */
public abstract class BaseSpan implements Span {
  // Written and read only by the thread that started the span.
  @Nullable private Span previous;
  @Nullable private Thread attachedThread;

  /** For subclasses. */
  protected BaseSpan() {}

  /**
   * Returns a started span that records nothing and carries {@code context}: current on this thread
   * until it ends. For the SDK's unsampled spans.
   */
  protected static Span startNonRecording(SpanContext context) {
    NonRecordingSpan span = new NonRecordingSpan(context);
    span.attach();
    return span;
  }

  /** Returns true once the span has ended. */
  protected abstract boolean hasEnded();

  /**
   * Ends the span at {@code epochNanos}, or now when it is negative. Returns true when this call
   * ended it, false when it had ended before.
   */
  protected abstract boolean endAt(long epochNanos);

  /** Makes this span current on this thread, remembering what was current before. */
  protected final void attach() {
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

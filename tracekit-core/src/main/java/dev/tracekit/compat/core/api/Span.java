package dev.tracekit.compat.core.api;

import java.util.concurrent.TimeUnit;

/**
 * One timed operation in a trace. Get one from {@code TraceKit.startSpan(String)} or a {@link
 * SpanBuilder}; end it with {@link #end()} or by closing it:
 *
 * <pre>{@code
 * try (Span span = TraceKit.startSpan("load-cart")) {
 *   span.setAttribute("cart.items", 3);
 * } // ended here, and the previous current span is current again
 * }</pre>
 *
 * <p>All methods are thread-safe, never throw into the caller and ignore null keys and values.
 * Changes after {@link #end()} are ignored. An unsampled span ({@link #isRecording()} false) only
 * carries its {@link SpanContext} so that children and outgoing requests follow the decision; its
 * setters cost next to nothing.
 */
public interface Span extends AutoCloseable {

  /**
   * Returns the span that records nothing and has an invalid context. Making it current means "no
   * current span".
   */
  static Span invalid() {
    return NonRecordingSpan.INVALID;
  }

  /**
   * Returns a span that records nothing and only carries {@code context}: for making a context that
   * another layer owns (such as an X-Ray entity, or a remote parent) current, so that spans started
   * under it become its children.
   */
  static Span wrap(SpanContext context) {
    return context.isValid() ? new NonRecordingSpan(context) : NonRecordingSpan.INVALID;
  }

  /** Returns the current span of this thread, or {@link #invalid()} when there is none. */
  static Span current() {
    Span span = CurrentSpan.get();
    return span == null ? NonRecordingSpan.INVALID : span;
  }

  /** Returns the ids and sampling decision of this span. */
  SpanContext getSpanContext();

  /** Returns true when this span records its data and will be exported when it ends. */
  boolean isRecording();

  /** Sets a string attribute. */
  Span setAttribute(String key, String value);

  /** Sets a 64-bit integer attribute ({@code int} values widen to this one). */
  Span setAttribute(String key, long value);

  /** Sets a double attribute. */
  Span setAttribute(String key, double value);

  /** Sets a boolean attribute. */
  Span setAttribute(String key, boolean value);

  /** Sets a string array attribute. */
  Span setAttribute(String key, String[] values);

  /** Sets a 64-bit integer array attribute. */
  Span setAttribute(String key, long[] values);

  /** Sets a double array attribute. */
  Span setAttribute(String key, double[] values);

  /** Sets a boolean array attribute. */
  Span setAttribute(String key, boolean[] values);

  /** Sets a typed attribute. */
  <T> Span setAttribute(AttributeKey<T> key, T value);

  /** Sets every attribute in {@code attributes}. */
  Span setAllAttributes(Attributes attributes);

  /** Adds an event that happened now. */
  Span addEvent(String name);

  /** Adds an event with attributes that happened now. */
  Span addEvent(String name, Attributes attributes);

  /** Adds an event with attributes that happened at {@code timestamp} (in {@code unit} since the epoch). */
  Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit);

  /**
   * Records {@code exception} as an {@code exception} event ({@code exception.type}, {@code
   * exception.message}, {@code exception.stacktrace} in Java's format) and sets the status to
   * {@link StatusCode#ERROR} with the exception's message.
   */
  Span recordException(Throwable exception);

  /** As {@link #recordException(Throwable)}, with extra attributes on the event. */
  Span recordException(Throwable exception, Attributes additionalAttributes);

  /** Sets the status without a description. */
  Span setStatus(StatusCode statusCode);

  /** Sets the status; the description is kept only for {@link StatusCode#ERROR}. */
  Span setStatus(StatusCode statusCode, String description);

  /** Renames the span. */
  Span updateName(String name);

  /**
   * Makes this span the current one on this thread until the returned scope is closed. Use it to
   * resume a span on another thread; {@code TraceKit.startSpan(String)} already makes its span
   * current.
   */
  default Scope makeCurrent() {
    return CurrentSpan.makeCurrent(this);
  }

  /**
   * Ends the span now. Only the first call to an {@code end} method has an effect. When the span was
   * made current by starting it, and this is the thread that started it, the span that was current
   * before becomes current again (skipping any that already ended).
   */
  void end();

  /** As {@link #end()}, with the end time {@code timestamp} ({@code unit} since the epoch). */
  void end(long timestamp, TimeUnit unit);

  /** The same as {@link #end()}, for try-with-resources. */
  @Override
  void close();
}

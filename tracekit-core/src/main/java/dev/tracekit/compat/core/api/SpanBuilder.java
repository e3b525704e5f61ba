package dev.tracekit.compat.core.api;

import java.util.concurrent.TimeUnit;

/**
 * Configures a span before it starts: parent, kind, attributes, and, for code that bridges another
 * tracing API, caller-supplied ids and start time. Get one from {@code TraceKit.spanBuilder(String)}.
 * Not thread-safe; use each builder once.
 *
 * <pre>{@code
 * Span span = TraceKit.spanBuilder("GET /cart")
 *     .setSpanKind(SpanKind.SERVER)
 *     .setParent(remoteContext)
 *     .start();
 * }</pre>
 *
 * <p>By default the parent is the current span of this thread, the kind is {@link
 * SpanKind#INTERNAL}, the ids are generated and the sampler decides.
 */
public interface SpanBuilder {

  /** Makes the span a child of {@code parent} (local or remote); an invalid context means a root. */
  SpanBuilder setParent(SpanContext parent);

  /** Makes the span a child of {@code parent}. */
  SpanBuilder setParent(Span parent);

  /** Makes the span a root of a new trace, ignoring the current span. */
  SpanBuilder setNoParent();

  /** Sets the kind (default {@link SpanKind#INTERNAL}). */
  SpanBuilder setSpanKind(SpanKind kind);

  /** Sets a string attribute before the span starts. */
  SpanBuilder setAttribute(String key, String value);

  /** Sets a 64-bit integer attribute before the span starts. */
  SpanBuilder setAttribute(String key, long value);

  /** Sets a double attribute before the span starts. */
  SpanBuilder setAttribute(String key, double value);

  /** Sets a boolean attribute before the span starts. */
  SpanBuilder setAttribute(String key, boolean value);

  /** Sets a typed attribute before the span starts. */
  <T> SpanBuilder setAttribute(AttributeKey<T> key, T value);

  /**
   * Uses {@code traceIdHex} (32 hex digits) as the trace id of a root span instead of generating
   * one. Ignored when the span has a valid parent, whose trace id always wins, or when malformed.
   */
  SpanBuilder setTraceId(String traceIdHex);

  /** Uses {@code spanIdHex} (16 hex digits) as this span's id instead of generating one. */
  SpanBuilder setSpanId(String spanIdHex);

  /**
   * Overrides the sampler: the span is sampled when {@code sampled} is true, and not otherwise. For
   * layers that make their own sampling decision (such as X-Ray sampling rules).
   */
  SpanBuilder setSampled(boolean sampled);

  /** Sets the start time ({@code unit} since the epoch) instead of now. */
  SpanBuilder setStartTimestamp(long timestamp, TimeUnit unit);

  /**
   * Starts the span and makes it current on this thread; {@link Span#close()} ends it and restores
   * the previous current span.
   */
  Span start();

  /**
   * Starts the span without making it current: for spans that end on another thread or whose
   * context another layer manages. Use {@link Span#makeCurrent()} to activate it for a while.
   */
  Span startDetached();
}

package dev.tracekit.compat.core;

import dev.tracekit.compat.core.trace.Tracer;
import java.util.concurrent.TimeUnit;

/**
 * The span with an invalid context that {@link Span#invalid()} returns: every call is a no-op,
 * except that making it current means "no current span".
 */
final class InvalidSpan implements Span {
  static final InvalidSpan INSTANCE = new InvalidSpan();

  private InvalidSpan() {}

  @Override
  public SpanContext getSpanContext() {
    return SpanContext.invalid();
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public Span setAttribute(String key, String value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, String[] values) {
    return this;
  }

  @Override
  public Span setAttribute(String key, long[] values) {
    return this;
  }

  @Override
  public Span setAttribute(String key, double[] values) {
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean[] values) {
    return this;
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    return this;
  }

  @Override
  public Span setAllAttributes(Attributes attributes) {
    return this;
  }

  @Override
  public Span addEvent(String name) {
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    return this;
  }

  @Override
  public Span recordException(Throwable exception) {
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    return this;
  }

  @Override
  public Span updateName(String name) {
    return this;
  }

  @Override
  public Scope makeCurrent() {
    // Clears the current span: a task wrapped where no span was current runs without one.
    return Tracer.makeCurrent(this);
  }

  @Override
  public void end() {}

  @Override
  public void end(long timestamp, TimeUnit unit) {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "Span.invalid()";
  }
}

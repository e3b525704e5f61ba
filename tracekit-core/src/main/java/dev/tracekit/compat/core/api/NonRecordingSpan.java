package dev.tracekit.compat.core.api;

import java.util.concurrent.TimeUnit;

/**
 * An unsampled span: it carries its context so that children and outgoing requests follow the
 * decision, and ignores everything else. With an invalid context it is {@link Span#invalid()}.
 */
final class NonRecordingSpan extends BaseSpan {
  static final NonRecordingSpan INVALID = new NonRecordingSpan(SpanContext.invalid());

  private final SpanContext context;
  private volatile boolean ended;

  NonRecordingSpan(SpanContext context) {
    this.context = context;
  }

  @Override
  protected boolean hasEnded() {
    return ended;
  }

  @Override
  public SpanContext getSpanContext() {
    return context;
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
  protected boolean endAt(long epochNanos) {
    if (ended || this == INVALID) {
      return false;
    }
    ended = true;
    return true;
  }

  @Override
  public String toString() {
    return this == INVALID ? "Span.invalid()" : "NonRecordingSpan{" + context + '}';
  }
}

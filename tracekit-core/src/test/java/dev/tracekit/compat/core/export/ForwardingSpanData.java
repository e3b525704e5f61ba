package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.List;

/** A span that answers as another one does; tests override what they change. */
abstract class ForwardingSpanData implements SpanData {
  final SpanData delegate;

  ForwardingSpanData(SpanData delegate) {
    this.delegate = delegate;
  }

  @Override
  public Attributes getAttributes() {
    return delegate.getAttributes();
  }

  @Override
  public SpanContext getSpanContext() {
    return delegate.getSpanContext();
  }

  @Override
  public SpanContext getParentSpanContext() {
    return delegate.getParentSpanContext();
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  @Override
  public SpanKind getKind() {
    return delegate.getKind();
  }

  @Override
  public long getStartEpochNanos() {
    return delegate.getStartEpochNanos();
  }

  @Override
  public long getEndEpochNanos() {
    return delegate.getEndEpochNanos();
  }

  @Override
  public int getDroppedAttributesCount() {
    return delegate.getDroppedAttributesCount();
  }

  @Override
  public List<EventData> getEvents() {
    return delegate.getEvents();
  }

  @Override
  public int getDroppedEventsCount() {
    return delegate.getDroppedEventsCount();
  }

  @Override
  public StatusCode getStatusCode() {
    return delegate.getStatusCode();
  }

  @Override
  public String getStatusDescription() {
    return delegate.getStatusDescription();
  }

  @Override
  public Resource getResource() {
    return delegate.getResource();
  }
}

package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A finished span as exporters see it: read-only, and unchanging once handed to an exporter.
 * Exporters receive these in batches on the processor's worker thread.
 */
public interface SpanData {
  /** Returns the span's own context. */
  SpanContext getSpanContext();

  /** Returns the parent's context, or {@link SpanContext#invalid()} for a root span. */
  SpanContext getParentSpanContext();

  /** Returns the span name. */
  String getName();

  /** Returns the span kind. */
  SpanKind getKind();

  /** Returns the start time in nanoseconds since the epoch. */
  long getStartEpochNanos();

  /** Returns the end time in nanoseconds since the epoch. */
  long getEndEpochNanos();

  /** Returns the attributes that were kept. */
  Attributes getAttributes();

  /**
   * Calls {@code consumer} with each attribute that was kept, in the order of {@link
   * #getAttributes()}; a span may do so without making the {@link Attributes}, which exporters
   * prefer. The default iterates {@code getAttributes()}.
   */
  default void forEachAttribute(BiConsumer<? super AttributeKey<?>, Object> consumer) {
    getAttributes().forEach(consumer);
  }

  /** Returns how many attributes were dropped because the span hit its attribute limit. */
  int getDroppedAttributesCount();

  /** Returns the events that were kept, oldest first. */
  List<EventData> getEvents();

  /** Returns how many events were dropped because the span hit its event limit. */
  int getDroppedEventsCount();

  /** Returns the status code. */
  StatusCode getStatusCode();

  /** Returns the status description; empty unless the status is {@link StatusCode#ERROR}. */
  String getStatusDescription();

  /** Returns the resource of the tracer that created the span. */
  Resource getResource();
}

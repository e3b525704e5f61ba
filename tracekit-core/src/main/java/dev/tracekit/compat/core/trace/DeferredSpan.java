package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.internal.AnchoredClock;
import java.util.List;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * A sampled span that a bridge from another tracing API recorded itself and hands over only once it
 * ended: the thread that ends it just calls {@link #end()}, and the span's ids, attributes, events
 * and status are worked out when they are first read — on the export worker thread of the batch
 * span processor — so that a span dropped by a full queue costs nothing more. The result is
 * the span a {@link Tracer#spanBuilder span builder} with the same settings would give: same id
 * rules, same {@link SpanLimits}.
 *
 * <p>A subclass keeps what it needs (a snapshot of its source, which must not change after {@link
 * #end()}), and answers the protected methods below; each is called once, on the first thread that
 * reads the span. Thread-safe.
 */
public abstract class DeferredSpan implements SpanData {
  private final Tracer tracer;
  @Nullable private volatile RecordingSpan recorded;

  /** A span of {@code tracer}'s pipeline. */
  protected DeferredSpan(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * Hands this span, which has ended, to the tracer's processor: it counts as started and ended.
   * When the tracer records nothing (no processor), it counts as unsampled instead. Call once.
   */
  public final void end() {
    tracer.endDeferred(this);
  }

  /** Returns the span name. */
  protected abstract String spanName();

  /** Returns the span kind. */
  protected abstract SpanKind spanKind();

  /**
   * Returns the parent's context, or {@link SpanContext#invalid()} for a root. A valid parent gives
   * the span its trace id.
   */
  protected abstract SpanContext parentContext();

  /** Returns the high 64 bits of the trace id for a root span; with the low ones 0: a new id. */
  protected abstract long rootTraceIdHigh();

  /** Returns the low 64 bits of the trace id for a root span; with the high ones 0: a new id. */
  protected abstract long rootTraceIdLow();

  /** Returns the span id; 0 for a new random one. */
  protected abstract long spanIdValue();

  /** Returns the start time, in epoch nanoseconds. */
  protected abstract long startNanos();

  /** Returns the end time, in epoch nanoseconds. */
  protected abstract long endNanos();

  /**
   * Records the span's attributes, events and status into {@code span}, which applies the tracer's
   * limits. Called once; an exception it throws leaves what it recorded so far.
   */
  protected abstract void record(Span span);

  private RecordingSpan recorded() {
    RecordingSpan span = recorded;
    if (span == null) {
      synchronized (this) {
        span = recorded;
        if (span == null) {
          span = build();
          recorded = span;
        }
      }
    }
    return span;
  }

  private RecordingSpan build() {
    SpanContext parent = parentContext();
    long traceIdHigh;
    long traceIdLow;
    if (parent.isValid()) {
      traceIdHigh = parent.getTraceIdHigh();
      traceIdLow = parent.getTraceIdLow();
    } else if (rootTraceIdHigh() != 0 || rootTraceIdLow() != 0) {
      traceIdHigh = rootTraceIdHigh();
      traceIdLow = rootTraceIdLow();
    } else {
      traceIdHigh = IdGenerator.newTraceIdHigh(System.currentTimeMillis() / 1000);
      traceIdLow = IdGenerator.newTraceIdLow();
    }
    long spanId = spanIdValue() != 0 ? spanIdValue() : IdGenerator.newSpanId();
    SpanContext context = SpanContext.fromIds(traceIdHigh, traceIdLow, spanId, true, false);
    RecordingSpan span =
        new RecordingSpan(
            tracer, context, parent, spanName(), spanKind(), AnchoredClock.WALL, startNanos());
    // Held across the recording, so that each attribute's lock is a re-entry, which HotSpot takes
    // without an atomic instruction: measured 9% of the exporter thread's CPU otherwise.
    synchronized (span) {
      try {
        record(span);
      } catch (RuntimeException e) {
        // The span keeps what was recorded; record() reports its own failures.
      }
      span.endRecorded(endNanos());
    }
    return span;
  }

  @Override
  public final SpanContext getSpanContext() {
    return recorded().getSpanContext();
  }

  @Override
  public final SpanContext getParentSpanContext() {
    return recorded().getParentSpanContext();
  }

  @Override
  public final String getName() {
    return recorded().getName();
  }

  @Override
  public final SpanKind getKind() {
    return recorded().getKind();
  }

  @Override
  public final long getStartEpochNanos() {
    return recorded().getStartEpochNanos();
  }

  @Override
  public final long getEndEpochNanos() {
    return recorded().getEndEpochNanos();
  }

  @Override
  public final Attributes getAttributes() {
    return recorded().getAttributes();
  }

  @Override
  public final void forEachAttribute(BiConsumer<? super AttributeKey<?>, Object> consumer) {
    recorded().forEachAttribute(consumer);
  }

  @Override
  public final int getDroppedAttributesCount() {
    return recorded().getDroppedAttributesCount();
  }

  @Override
  public final List<EventData> getEvents() {
    return recorded().getEvents();
  }

  @Override
  public final int getDroppedEventsCount() {
    return recorded().getDroppedEventsCount();
  }

  @Override
  public final StatusCode getStatusCode() {
    return recorded().getStatusCode();
  }

  @Override
  public final String getStatusDescription() {
    return recorded().getStatusDescription();
  }

  /**
   * Returns the tracer's resource. A subclass that carries the spans of many services (a bridge)
   * answers its own; exporters group spans by resource, so return one instance per service.
   */
  @Override
  public Resource getResource() {
    return tracer.getResource();
  }

  @Override
  public String toString() {
    RecordingSpan span = recorded;
    return span == null ? "DeferredSpan{not read yet}" : "DeferredSpan{" + span + '}';
  }
}

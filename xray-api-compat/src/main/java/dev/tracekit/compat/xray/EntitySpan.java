package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.Cause;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.EntityImpl;
import com.amazonaws.xray.entities.FacadeSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.SubsegmentImpl;
import com.amazonaws.xray.entities.ThrowableDescription;
import com.amazonaws.xray.entities.TraceID;
import dev.tracekit.compat.core.Span;
import dev.tracekit.compat.core.SpanContext;
import dev.tracekit.compat.core.SpanKind;
import dev.tracekit.compat.core.internal.Hex;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.trace.DeferredSpan;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The span of an ended X-Ray entity. The thread that ends the entity only takes what the span needs
 * (its scalar fields, and its collections as they are: {@link EntityData} keeps them from changing)
 * and hands the span to the pipeline; the attributes of the DESIGN mapping ({@link
 * EntityAttributes}) are worked out when the span is read, on the exporter's thread, so that a span
 * dropped by a full queue costs the app next to nothing.
 */
final class EntitySpan extends DeferredSpan {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(EntitySpans.class.getName()));

  // How the parent is known: none, as a context, as the ids of a local entity, or as the id of a
  // remote caller (a segment continued from a trace header).
  private static final byte NO_PARENT = 0;
  private static final byte CONTEXT_PARENT = 1;
  private static final byte LOCAL_PARENT = 2;
  private static final byte REMOTE_PARENT = 3;

  final String name;
  @Nullable final String namespace;
  private final SpanKind kind;
  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final long startNanos;
  private final long endNanos;
  // The end the entity recorded (0 when it had none): exception events carry it.
  final long recordedEndNanos;
  private final byte parentKind;
  private final boolean parentSampled;
  final boolean fault;
  final boolean error;
  final boolean throttle;
  private long parentTraceIdHigh;
  private long parentTraceIdLow;
  private long parentSpanId;
  @Nullable private SpanContext parentContext;
  @Nullable private String remoteParentId;
  // Segments only.
  @Nullable String user;
  @Nullable String origin;
  @Nullable String resourceArn;
  // As they were at the end: the collections (changed on a copy afterwards), and copies of the
  // exceptions and precursor ids (which the entity keeps changing in place).
  @Nullable final EntityData data;
  @Nullable List<ThrowableDescription> exceptions;
  @Nullable String[] precursorIds;

  /** Takes what the span of {@code entity}, which just ended, needs. */
  EntitySpan(Tracer tracer, EntityImpl entity, TraceID traceId) {
    super(tracer);
    boolean segment = !(entity instanceof SubsegmentImpl) && entity instanceof Segment;
    this.name = entity.getName();
    this.namespace = entity.getNamespace();
    this.kind = segment ? SpanKind.SERVER : EntitySpans.kindOfSubsegment(namespace);
    this.traceIdHigh = traceId.getTraceKitIdHigh();
    this.traceIdLow = EntitySpans.spanTraceIdLow(entity, traceId);
    this.spanId = EntitySpans.spanIdOf(entity);
    this.startNanos = entity.getStartEpochNanos();
    this.recordedEndNanos = entity.getEndEpochNanos();
    this.endNanos = recordedEndNanos > 0 ? recordedEndNanos : EntitySpans.nowEpochNanos();
    this.fault = entity.isFault();
    this.error = entity.isError();
    this.throttle = entity.isThrottle();

    SpanContext override = entity.getTraceKitParent();
    Entity parent = null;
    if (override != null && override.isValid()) {
      parentContext = override;
      parentKind = CONTEXT_PARENT;
    } else if (segment || !(entity instanceof Subsegment)) {
      remoteParentId = entity.getParentId();
      parentKind = remoteParentId == null ? NO_PARENT : REMOTE_PARENT;
    } else {
      Subsegment subsegment = (Subsegment) entity;
      parent = subsegment.getParent() != null ? subsegment.getParent() : subsegment.getParentSegment();
      if (parent == null) {
        parentKind = NO_PARENT;
      } else if (parent instanceof TraceKitEntity && !(parent instanceof FacadeSegment)) {
        TraceID parentTraceId = parent.getTraceId();
        if (parentTraceId == null) {
          parentKind = NO_PARENT;
        } else {
          parentTraceIdHigh = parentTraceId.getTraceKitIdHigh();
          parentTraceIdLow = EntitySpans.spanTraceIdLow(parent, parentTraceId);
          parentSpanId = EntitySpans.spanIdOf(parent);
          parentKind = LOCAL_PARENT;
        }
      } else {
        parentContext = EntitySpans.contextOf(parent);
        parentKind = CONTEXT_PARENT;
      }
    }
    this.parentSampled = parent != null && parent.isSampled();

    if (segment) {
      Segment s = (Segment) entity;
      user = s.getUser();
      origin = s.getOrigin();
      resourceArn = s.getResourceArn();
    }
    this.data = entity instanceof TraceKitEntity ? ((TraceKitEntity) entity).shareData() : null;
    if (data != null) {
      Cause cause = data.peekCause();
      if (cause != null && !cause.getExceptions().isEmpty()) {
        exceptions = new ArrayList<>(cause.getExceptions());
      }
      Set<String> precursors = data.peekPrecursorIds();
      if (precursors != null && !precursors.isEmpty()) {
        precursorIds = precursors.toArray(new String[0]);
      }
    }
  }

  @Override
  protected String spanName() {
    return name;
  }

  @Override
  protected SpanKind spanKind() {
    return kind;
  }

  @Override
  protected SpanContext parentContext() {
    switch (parentKind) {
      case CONTEXT_PARENT:
        return parentContext;
      case LOCAL_PARENT:
        return SpanContext.fromIds(parentTraceIdHigh, parentTraceIdLow, parentSpanId, parentSampled, false);
      case REMOTE_PARENT:
        String id = remoteParentId;
        long remoteSpanId = id != null && Hex.isHex(id, 16) ? Hex.toLong(id, 0) : 0;
        return SpanContext.fromIds(traceIdHigh, traceIdLow, remoteSpanId, true, true);
      default:
        return SpanContext.invalid();
    }
  }

  @Override
  protected long rootTraceIdHigh() {
    return traceIdHigh;
  }

  @Override
  protected long rootTraceIdLow() {
    return traceIdLow;
  }

  @Override
  protected long spanIdValue() {
    return spanId;
  }

  @Override
  protected long startNanos() {
    return startNanos;
  }

  @Override
  protected long endNanos() {
    return endNanos;
  }

  @Override
  protected void record(Span span) {
    try {
      EntityAttributes.apply(this, span);
    } catch (RuntimeException e) {
      // The span still goes out, with the attributes set so far: its children point to it.
      LOGGER.log(
          Level.WARNING,
          "Could not map all the data of X-Ray entity " + EntityDocuments.shortText(name)
              + " to span attributes: " + EntityDocuments.shortText(String.valueOf(e)));
    }
  }
}

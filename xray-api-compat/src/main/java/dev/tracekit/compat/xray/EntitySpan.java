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
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.internal.AnchoredClock;
import dev.tracekit.compat.core.internal.Hex;
import dev.tracekit.compat.core.internal.LogText;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.trace.DeferredSpan;
import dev.tracekit.compat.core.trace.Tracer;
import dev.tracekit.compat.xray.mapping.RecordedException;
import dev.tracekit.compat.xray.mapping.XRayEntityView;
import dev.tracekit.compat.xray.mapping.XRaySpanMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The span of an ended X-Ray entity. The thread that ends the entity only takes what the span needs
 * (its scalar fields, and its collections as they are: {@link EntityData} keeps them from changing)
 * and hands the span to the pipeline; the attributes of the mapping ({@code docs/mapping.md},
 * {@link XRaySpanMapping}, which reads the span as an {@link XRayEntityView}) are worked out when
 * the span is read, on the exporter's thread, so that a span dropped by a full queue costs the app
 * next to nothing.
 */
final class EntitySpan extends DeferredSpan implements XRayEntityView {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(EntitySpans.class.getName()));

  // How the parent is known: none, as a context, as the span id of a local entity in the same
  // trace, or as the id of a remote caller (a segment continued from a trace header).
  private static final byte NO_PARENT = 0;
  private static final byte CONTEXT_PARENT = 1;
  private static final byte LOCAL_PARENT = 2;
  private static final byte REMOTE_PARENT = 3;

  final String name;
  @Nullable final String namespace;
  private final boolean segment;
  private final SpanKind kind;
  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final long startNanos;
  private final long endNanos;
  // The parent's span id (LOCAL_PARENT), or its context or its remote id (CONTEXT_PARENT,
  // REMOTE_PARENT).
  private final long parentSpanId;
  @Nullable private final Object parent;
  private final byte parentKind;
  private final boolean parentSampled;
  // Whether the entity recorded its end (exception events carry it).
  final boolean endRecorded;
  final boolean fault;
  final boolean error;
  final boolean throttle;
  // As they were at the end: the collections (changed on a copy afterwards).
  @Nullable final EntityData data;
  // What only some entities have; null when there is none of it.
  @Nullable final Extras extras;

  /** Takes what the span of {@code entity}, which just ended, needs. */
  EntitySpan(Tracer tracer, EntityImpl entity, TraceID traceId) {
    super(tracer);
    boolean segment = !(entity instanceof SubsegmentImpl) && entity instanceof Segment;
    this.name = entity.getName();
    this.namespace = entity.getNamespace();
    this.segment = segment;
    this.kind = XRaySpanMapping.kind(segment, namespace);
    this.traceIdHigh = TraceKitIds.high(traceId);
    this.traceIdLow = EntitySpans.spanTraceIdLow(entity, traceId);
    this.spanId = EntitySpans.spanIdOf(entity);
    this.startNanos = entity.spanStartNanos();
    long recordedEnd = entity.spanEndNanos();
    this.endRecorded = recordedEnd > 0;
    this.endNanos = endRecorded ? recordedEnd : AnchoredClock.wallNow();
    this.fault = entity.isFault();
    this.error = entity.isError();
    this.throttle = entity.isThrottle();

    SpanContext override = ((TraceKitEntity) entity).traceKitParent();
    Entity xrayParent = null;
    long localParentId = 0;
    Object parentRef = null;
    byte how;
    if (override != null && override.isValid()) {
      parentRef = override;
      how = CONTEXT_PARENT;
    } else if (segment || !(entity instanceof Subsegment)) {
      parentRef = entity.getParentId();
      how = parentRef == null ? NO_PARENT : REMOTE_PARENT;
    } else {
      Subsegment subsegment = (Subsegment) entity;
      xrayParent = subsegment.getParent() != null ? subsegment.getParent() : subsegment.getParentSegment();
      TraceID parentTraceId = xrayParent == null ? null : xrayParent.getTraceId();
      if (xrayParent == null) {
        how = NO_PARENT;
      } else if (xrayParent instanceof TraceKitEntity
          && !(xrayParent instanceof FacadeSegment)
          && parentTraceId != null
          && TraceKitIds.high(parentTraceId) == traceIdHigh
          && EntitySpans.spanTraceIdLow(xrayParent, parentTraceId) == traceIdLow) {
        localParentId = EntitySpans.spanIdOf(xrayParent);
        how = LOCAL_PARENT;
      } else {
        parentRef = EntitySpans.contextOf(xrayParent);
        how = CONTEXT_PARENT;
      }
    }
    this.parent = parentRef;
    this.parentKind = how;
    this.parentSpanId = localParentId;
    this.parentSampled = xrayParent != null && xrayParent.isSampled();
    this.data = entity instanceof TraceKitEntity ? ((TraceKitEntity) entity).shareData() : null;
    this.extras = Extras.of(entity, segment, data);
  }

  /**
   * What only some entities have: a segment's user, origin and resource ARN, recorded exceptions,
   * precursor ids. The lists are copies (the entity keeps changing its own in place).
   */
  static final class Extras {
    @Nullable String user;
    @Nullable String origin;
    @Nullable String resourceArn;
    @Nullable List<ThrowableDescription> exceptions;
    @Nullable String[] precursorIds;

    @Nullable
    static Extras of(EntityImpl entity, boolean segment, @Nullable EntityData data) {
      Extras extras = null;
      if (segment) {
        Segment s = (Segment) entity;
        String user = s.getUser();
        String origin = s.getOrigin();
        String resourceArn = s.getResourceArn();
        if (user != null || origin != null || resourceArn != null) {
          extras = new Extras();
          extras.user = user;
          extras.origin = origin;
          extras.resourceArn = resourceArn;
        }
      }
      if (data != null) {
        Cause cause = data.peekCause();
        if (cause != null && !cause.getExceptions().isEmpty()) {
          extras = extras != null ? extras : new Extras();
          extras.exceptions = new ArrayList<>(cause.getExceptions());
        }
        Set<String> precursors = data.peekPrecursorIds();
        if (precursors != null && !precursors.isEmpty()) {
          extras = extras != null ? extras : new Extras();
          extras.precursorIds = precursors.toArray(new String[0]);
        }
      }
      return extras;
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
        return (SpanContext) parent;
      case LOCAL_PARENT:
        return SpanContext.fromIds(traceIdHigh, traceIdLow, parentSpanId, parentSampled, false);
      case REMOTE_PARENT:
        String id = (String) parent;
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
  public long endNanosIfRecorded() {
    return endRecorded ? endNanos : 0;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isSegment() {
    return segment;
  }

  @Override
  @Nullable
  public String namespace() {
    return namespace;
  }

  @Override
  public boolean isFault() {
    return fault;
  }

  @Override
  public boolean isError() {
    return error;
  }

  @Override
  public boolean isThrottle() {
    return throttle;
  }

  @Override
  @Nullable
  public Map<String, ?> http() {
    return data == null ? null : data.peekHttp();
  }

  @Override
  @Nullable
  public Map<String, ?> aws() {
    return data == null ? null : data.peekAws();
  }

  @Override
  @Nullable
  public Map<String, ?> sql() {
    return data == null ? null : data.peekSql();
  }

  @Override
  @Nullable
  public Map<String, ?> annotations() {
    return data == null ? null : data.peekAnnotations();
  }

  @Override
  @Nullable
  public Map<String, ?> metadata() {
    return data == null ? null : data.peekMetadata();
  }

  @Override
  public String toJson(Object metadataValue) {
    return EntityDocuments.toJson(metadataValue);
  }

  @Override
  @Nullable
  public String user() {
    return extras == null ? null : extras.user;
  }

  @Override
  @Nullable
  public String origin() {
    return extras == null ? null : extras.origin;
  }

  @Override
  @Nullable
  public String resourceArn() {
    return extras == null ? null : extras.resourceArn;
  }

  @Override
  @Nullable
  public List<String> precursorIds() {
    return extras == null || extras.precursorIds == null ? null : Arrays.asList(extras.precursorIds);
  }

  @Override
  public List<RecordedException> exceptions() {
    if (extras == null || extras.exceptions == null) {
      return Collections.emptyList();
    }
    List<RecordedException> out = new ArrayList<>(extras.exceptions.size());
    for (ThrowableDescription exception : extras.exceptions) {
      out.add(recorded(exception));
    }
    return out;
  }

  /**
   * Returns an exception as its document holds it; a description made from a throwable alone
   * takes the throwable's class and message.
   */
  private static RecordedException recorded(ThrowableDescription exception) {
    String type = exception.getType();
    String message = exception.getMessage();
    Throwable throwable = exception.getThrowable();
    if (type == null && throwable != null) {
      type = throwable.getClass().getName();
      if (message == null) {
        message = throwable.getMessage();
      }
    }
    StackTraceElement[] stack = exception.getStack();
    List<RecordedException.StackFrame> frames = null;
    if (stack != null && stack.length > 0) {
      frames = new ArrayList<>(stack.length);
      for (StackTraceElement frame : stack) {
        frames.add(
            new RecordedException.StackFrame(
                frame.getClassName() + "." + frame.getMethodName(),
                frame.getFileName(),
                frame.getLineNumber()));
      }
    }
    return new RecordedException(
        exception.getId(),
        type,
        message,
        exception.isRemote(),
        frames,
        exception.getTruncated(),
        exception.getSkipped(),
        exception.getCause());
  }

  @Override
  protected void record(Span span) {
    try {
      XRaySpanMapping.apply(this, span);
    } catch (RuntimeException e) {
      // The span still goes out, with the attributes set so far: its children point to it.
      LOGGER.log(
          Level.WARNING,
          "Could not map all the data of X-Ray entity " + LogText.cut(name)
              + " to span attributes: " + LogText.cut(String.valueOf(e)));
    }
  }
}

package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.EntityImpl;
import com.amazonaws.xray.entities.FacadeSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.TraceID;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.internal.Hex;
import dev.tracekit.compat.core.internal.LogText;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Turns an ended X-Ray entity into a TraceKit span: same trace id and span id, the parent its X-Ray
 * parent (or the TraceKit span it was begun under), the kind from the mapping ({@code
 * docs/mapping.md}, "Span fields"), and the attributes from {@code XRaySpanMapping}. Unsampled
 * entities export nothing. Never throws.
 */
public final class EntitySpans {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(EntitySpans.class.getName()));

  private EntitySpans() {}

  /**
   * Returns the span context an entity stands for: its trace id, its id as span id, and its sampling
   * decision (for a {@link FacadeSegment}: its Lambda invocation's span); invalid when the entity's
   * ids are not well formed.
   */
  public static SpanContext contextOf(Entity entity) {
    if (entity instanceof FacadeSegment) {
      // Stands for the Lambda invocation's span, not for the Lambda segment it carries the id of.
      return LambdaInvocations.contextOf(entity);
    }
    TraceID traceId = entity.getTraceId();
    if (traceId == null) {
      return SpanContext.invalid();
    }
    return SpanContext.fromIds(
        TraceKitIds.high(traceId), spanTraceIdLow(entity, traceId), spanIdOf(entity), entity.isSampled(), false);
  }

  /**
   * Returns the low 64 bits of an entity's span trace id (the high ones are its X-Ray trace id's).
   * The all-zero X-Ray id (which the X-Ray SDK accepts from a header) is not a valid span trace id,
   * so it becomes sixteen zeros and the id of the entity's segment: the segment's spans still share
   * one trace.
   */
  static long spanTraceIdLow(Entity entity, TraceID traceId) {
    long low = TraceKitIds.low(traceId);
    if (low != 0 || TraceKitIds.high(traceId) != 0) {
      return low;
    }
    Segment segment = entity.getParentSegment();
    return segment == null ? 0 : spanIdOf(segment);
  }

  /** Returns an entity's id as a span id, or 0 when it is not 16 hex digits. */
  static long spanIdOf(Entity entity) {
    if (entity instanceof TraceKitEntity) {
      return ((TraceKitEntity) entity).traceKitSpanId();
    }
    String id = entity.getId();
    return id != null && Hex.isHex(id, 16) ? Hex.toLong(id, 0) : 0;
  }

  /** Exports {@code entity} as a span if it is sampled. Called once, when the entity ends. */
  public static void onEnd(EntityImpl entity) {
    if (!entity.isSampled()) {
      countUnsampled(entity);
      return;
    }
    try {
      export(entity);
    } catch (RuntimeException e) {
      LOGGER.log(
          Level.WARNING,
          "Could not export X-Ray entity " + LogText.cut(entity.getName()) + " as a span: "
              + LogText.cut(String.valueOf(e)));
    }
  }

  /**
   * Counts an unsampled entity in the running pipeline's {@code spansUnsampled}, so that every
   * entity an app creates is readable in the counts. Does not start a pipeline that is not running.
   */
  private static void countUnsampled(EntityImpl entity) {
    if (!TraceKit.isInitialized()) {
      return;
    }
    try {
      TraceKit.tracer()
          .spanBuilder(String.valueOf(entity.getName()))
          .setNoParent()
          .setSampled(false)
          .startDetached();
    } catch (RuntimeException e) {
      // Counting must never hurt the app.
    }
  }

  /**
   * Hands the span of {@code entity} to the pipeline (starting it if needed). The attributes are
   * worked out later, on the exporter's thread: see {@link EntitySpan}.
   */
  private static void export(EntityImpl entity) {
    TraceID traceId = entity.getTraceId();
    if (traceId == null) {
      return;
    }
    new EntitySpan(XRayTraceKit.tracer(entity), entity, traceId).end();
  }
}

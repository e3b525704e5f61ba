package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.TraceID;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.Scope;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.Map;
import java.util.WeakHashMap;
import javax.annotation.Nullable;

/**
 * Keeps TraceKit's current span in step with the X-Ray context of each thread, so that old X-Ray
 * call sites and new TraceKit spans make one trace: while an X-Ray entity is current, TraceKit's
 * current span carries that entity's ids (a {@code TraceKit.startSpan} becomes its child); and a
 * subsegment begun while a TraceKit span is current becomes that span's child.
 */
public final class XRayContext {
  // Scopes opened when an entity of another implementation began on this thread, closed when it
  // ends there. The shim's own entities keep their scope themselves (TraceKitEntity).
  private static final ThreadLocal<Map<Entity, Scope>> SCOPES =
      ThreadLocal.withInitial(WeakHashMap::new);

  private XRayContext() {}

  /** The entity just began and became current on this thread. */
  public static void onBegin(Entity entity) {
    if (!TraceKit.isInitialized()) {
      // The pipeline starts with the first entity, not with the first one to end: TraceKit-style
      // spans begun inside it (the app's own, tracekit-okhttp's) need it already.
      XRayTraceKit.tracer(entity);
    }
    SpanContext context = EntitySpans.contextOf(entity);
    Scope scope = Span.wrap(context).makeCurrent();
    if (entity instanceof TraceKitEntity) {
      ((TraceKitEntity) entity).setTraceKitScope(scope, Thread.currentThread(), context.getSpanIdAsLong());
    } else {
      SCOPES.get().put(entity, scope);
    }
  }

  /**
   * The entity ended on this thread and {@code nowCurrent} (maybe null) is current: restore what
   * TraceKit had current before the entity began, or else follow the X-Ray context.
   */
  public static void onEnd(Entity entity, @Nullable Entity nowCurrent) {
    Scope scope =
        entity instanceof TraceKitEntity
            ? ((TraceKitEntity) entity).takeTraceKitScope(Thread.currentThread())
            : SCOPES.get().remove(entity);
    if (scope != null) {
      scope.close();
      return;
    }
    onSet(nowCurrent);
  }

  /** The X-Ray context of this thread was set to {@code entity} (null: cleared). */
  public static void onSet(@Nullable Entity entity) {
    // X-Ray's setTraceEntity replaces the context, so TraceKit's current span is replaced too.
    (entity == null ? Span.invalid() : Span.wrap(EntitySpans.contextOf(entity))).makeCurrent();
  }

  /**
   * Hangs the span of {@code child}, a subsegment begun now under {@code xrayParent}, under the
   * current TraceKit span when {@link #traceKitParentFor} says so.
   */
  public static void setTraceKitParent(TraceKitEntity child, @Nullable Entity xrayParent) {
    child.setTraceKitParent(traceKitParentFor(xrayParent));
  }

  /**
   * Returns the current TraceKit span's context when a subsegment begun now under {@code
   * xrayParent} should hang under it instead: it is in the same trace and is not {@code xrayParent}
   * itself. Returns null otherwise.
   */
  @Nullable
  private static SpanContext traceKitParentFor(@Nullable Entity xrayParent) {
    SpanContext current = TraceKit.currentSpan().getSpanContext();
    if (!current.isValid() || xrayParent == null) {
      return null;
    }
    TraceID traceId = xrayParent.getTraceId();
    if (traceId == null
        || TraceKitIds.high(traceId) != current.getTraceIdHigh()
        || EntitySpans.spanTraceIdLow(xrayParent, traceId) != current.getTraceIdLow()
        || EntitySpans.spanIdOf(xrayParent) == current.getSpanIdAsLong()
        || isFormerSelf(xrayParent, current)) {
      return null;
    }
    return current;
  }

  /**
   * True when {@code current} is what {@code entity} made current when it began, under the id it
   * had then: an app that called {@code setId} on the current segment (X-Ray allows it) still has
   * that context current, and it is the entity itself, not a TraceKit span to hang under.
   */
  private static boolean isFormerSelf(Entity entity, SpanContext current) {
    return entity instanceof TraceKitEntity
        && ((TraceKitEntity) entity).traceKitScopeSpanId() == current.getSpanIdAsLong();
  }
}

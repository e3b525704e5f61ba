package dev.tracekit.compat.xray;

import dev.tracekit.compat.core.api.Scope;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.internal.Hex;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import javax.annotation.Nullable;

/**
 * What the shim's own entities share for TraceKit: the id kept as a number (its string is made on
 * first use), their collections ({@link EntityData}, made on first use and handed to the span when
 * the entity ends), its span's times in nanoseconds, the TraceKit span it hangs under when that is
 * not its X-Ray parent, and the TraceKit scope opened when the entity became current. A class, not an
 * interface, so that the glue's type checks on every begin and end stay cheap on every JVM. Its
 * members are protected: not part of the X-Ray API.
 */
public abstract class TraceKitEntity {
  private static final AtomicReferenceFieldUpdater<TraceKitEntity, EntityData> DATA =
      AtomicReferenceFieldUpdater.newUpdater(TraceKitEntity.class, EntityData.class, "data");

  // 0 when the id is not 16 hex digits. The string is made on first use (guarded by this when
  // written).
  private long spanId;
  @Nullable private String id;
  @Nullable private volatile EntityData data;
  @Nullable private Scope traceKitScope;
  @Nullable private Thread traceKitScopeThread;
  // The span id this entity had when it became current: setId may change it afterwards.
  private long traceKitScopeSpanId;
  // Nanosecond times for the span; the X-Ray document keeps its epoch-second doubles.
  private long spanStartNanos;
  private long spanEndNanos;
  @Nullable private volatile SpanContext traceKitParent;

  /** An entity without an id. */
  protected TraceKitEntity() {}

  /** An entity whose id is {@code spanId} (non-zero). */
  protected TraceKitEntity(long spanId) {
    this.spanId = spanId;
  }

  /** Returns the id: 16 hex digits, the string last set, or null. */
  @Nullable
  protected final String traceKitId() {
    String value = id;
    if (value != null || spanId == 0) {
      return value;
    }
    synchronized (this) {
      if (id == null && spanId != 0) {
        id = Hex.fromLong(spanId);
      }
      return id;
    }
  }

  /** Sets the id; its span id is its number when it is 16 hex digits (either case), else 0. */
  protected final synchronized void setTraceKitId(@Nullable String id) {
    this.id = id;
    this.spanId = id != null && Hex.isHex(id, 16) ? Hex.toLong(id, 0) : 0;
  }

  /** Returns the id as a span id, or 0 when it is not 16 hex digits. */
  protected final long traceKitSpanId() {
    return spanId;
  }

  /**
   * Returns the entity's collections for a change: made on first use, and copied first when the
   * span of the ended entity holds them, so that the span never sees the change.
   */
  protected final EntityData data() {
    EntityData value = data;
    return value != null && !value.isShared() ? value : newData();
  }

  private EntityData newData() {
    for (;;) {
      EntityData value = data;
      EntityData next;
      if (value == null) {
        next = new EntityData();
      } else if (value.isShared()) {
        next = value.copy();
      } else {
        return value;
      }
      if (DATA.compareAndSet(this, value, next)) {
        return next;
      }
    }
  }

  /**
   * Returns the entity's collections to hand out live (a getter): made on first use, never copied.
   */
  protected final EntityData dataForGetter() {
    EntityData value = data;
    return value != null ? value : newData();
  }

  /**
   * Hands the collections as they are (null when none were made) to the span of the ended entity:
   * changes made after this go to a copy.
   */
  @Nullable
  final EntityData shareData() {
    EntityData value = data;
    if (value != null) {
      value.share();
    }
    return value;
  }

  /**
   * Keeps the scope {@code thread} opened when this entity, with span id {@code spanId}, became
   * current there.
   */
  final void setTraceKitScope(Scope scope, Thread thread, long spanId) {
    traceKitScope = scope;
    traceKitScopeThread = thread;
    traceKitScopeSpanId = spanId;
  }

  /** Returns the span id this entity had when it became current (0 when it never did). */
  final long traceKitScopeSpanId() {
    return traceKitScopeSpanId;
  }

  /**
   * Returns and forgets the scope kept by {@link #setTraceKitScope} when {@code thread} opened it;
   * returns null, keeping it, otherwise.
   */
  @Nullable
  final Scope takeTraceKitScope(Thread thread) {
    Scope scope = traceKitScope;
    if (scope == null || traceKitScopeThread != thread) {
      return null;
    }
    traceKitScope = null;
    traceKitScopeThread = null;
    return scope;
  }

  /** Returns the start time of the entity's span in epoch nanoseconds. */
  protected final long spanStartNanos() {
    return spanStartNanos;
  }

  /** Sets the start time of the entity's span in epoch nanoseconds. */
  protected final void setSpanStartNanos(long nanos) {
    spanStartNanos = nanos;
  }

  /** Returns the end time of the entity's span in epoch nanoseconds, or 0 while it was not ended. */
  protected final long spanEndNanos() {
    return spanEndNanos;
  }

  /** Sets the end time of the entity's span in epoch nanoseconds. */
  protected final void setSpanEndNanos(long nanos) {
    spanEndNanos = nanos;
  }

  /**
   * Returns the TraceKit span this entity was begun under, when that span (not an X-Ray entity) was
   * current: its span becomes a child of that one. Null otherwise.
   */
  @Nullable
  final SpanContext traceKitParent() {
    return traceKitParent;
  }

  final void setTraceKitParent(@Nullable SpanContext parent) {
    traceKitParent = parent;
  }
}

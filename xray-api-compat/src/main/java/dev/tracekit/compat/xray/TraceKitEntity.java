package dev.tracekit.compat.xray;

import dev.tracekit.compat.core.Scope;
import javax.annotation.Nullable;

/**
 * What the shim's own entities give the TraceKit glue directly, without their X-Ray strings: the id
 * as a span id number, and a slot for the TraceKit scope opened when the entity became current.
 * Entities of other implementations work too, through their X-Ray getters. Not part of the X-Ray
 * API.
 */
public interface TraceKitEntity {

  /** Returns the entity's id as a span id, or 0 when the id is not 16 hex digits. */
  long getTraceKitSpanId();

  /** Keeps the scope {@code thread} opened when this entity became current there (null: none). */
  void setTraceKitScope(@Nullable Scope scope, @Nullable Thread thread);

  /**
   * Returns and forgets the scope kept by {@link #setTraceKitScope} when {@code thread} opened it;
   * returns null, keeping it, otherwise.
   */
  @Nullable
  Scope takeTraceKitScope(Thread thread);
}

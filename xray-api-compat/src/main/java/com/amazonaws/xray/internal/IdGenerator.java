package com.amazonaws.xray.internal;

import com.amazonaws.xray.entities.Entity;

/**
 * Generates X-Ray ids. Internal to X-Ray; public because {@code AWSXRayRecorder.getIdGenerator()}
 * returns it. Both the "fast" and the "secure" generator of the X-Ray SDK map to the same
 * thread-local random source here.
 */
public abstract class IdGenerator {

  /** Returns the 24 hex digits of a new trace id's random part. */
  public abstract String newTraceId();

  /** Returns a new entity id: 16 hex digits. */
  public final String newEntityId() {
    return Entity.generateId();
  }
}

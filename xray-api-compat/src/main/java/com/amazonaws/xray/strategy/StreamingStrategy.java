package com.amazonaws.xray.strategy;

import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;

/**
 * When and how a large segment is sent to an X-Ray emitter in pieces. TraceKit spans do not depend
 * on it (each subsegment is exported as it ends); it governs only what custom emitters receive.
 */
public interface StreamingStrategy {
  /** Returns true when {@code segment} should be sent in pieces. */
  boolean requiresStreaming(Segment segment);

  /** Sends the finished subsegments under {@code entity} separately and removes them from it. */
  void streamSome(Entity entity, Emitter emitter);
}

package com.amazonaws.xray.listeners;

import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;

/**
 * Hooks the recorder calls around segment and subsegment lifecycles and context changes, on the
 * thread making the X-Ray call. Every method defaults to doing nothing. An exception a listener
 * throws is logged and does not reach the application.
 */
public interface SegmentListener {
  default void onBeginSegment(Segment segment) {}

  default void onBeginSubsegment(Subsegment subsegment) {}

  default void beforeEndSegment(Segment segment) {}

  default void afterEndSegment(Segment segment) {}

  default void beforeEndSubsegment(Subsegment subsegment) {}

  default void afterEndSubsegment(Subsegment subsegment) {}

  default void onSetEntity(Entity previousEntity, Entity newEntity) {}

  default void onClearEntity(Entity previousEntity) {}
}

package com.amazonaws.xray.strategy;

import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.ThrowableDescription;
import java.util.List;

/** Turns a throwable into the exception descriptions recorded in an entity's cause. */
public interface ThrowableSerializationStrategy {

  /**
   * Describes {@code throwable}; when it (or one of its causes) was already recorded in one of {@code
   * subsegments}, the description refers to that record instead of repeating it.
   */
  List<ThrowableDescription> describeInContext(Throwable throwable, List<Subsegment> subsegments);

  /** As {@link #describeInContext(Throwable, List)}, for {@code entity}. */
  default List<ThrowableDescription> describeInContext(
      Entity entity, Throwable throwable, List<Subsegment> subsegments) {
    return describeInContext(throwable, subsegments);
  }
}

package com.amazonaws.xray.contexts;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.EntityImpl;
import com.amazonaws.xray.entities.FacadeSegment;
import com.amazonaws.xray.entities.NoOpSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.SubsegmentImpl;
import com.amazonaws.xray.exceptions.SubsegmentNotFoundException;
import dev.tracekit.compat.xray.XRayContext;
import javax.annotation.Nullable;

/** Beginning and finding subsegments, the same for every segment context. */
final class Subsegments {
  private Subsegments() {}

  /**
   * Begins a subsegment of {@code parent} and makes it current: a recorded one, or one that records
   * nothing (but keeps the trace context) when {@code parent}'s segment records nothing.
   */
  static Subsegment beginChild(AWSXRayRecorder recorder, String name, Entity parent) {
    Segment segment = parent.getParentSegment();
    if (!(parent instanceof EntityImpl)
        || segment instanceof NoOpSegment
        || (segment instanceof FacadeSegment && !segment.isSampled())) {
      return beginNoOp(recorder, segment, parent);
    }
    SubsegmentImpl subsegment = new SubsegmentImpl(recorder, name, segment);
    subsegment.setParent(parent);
    XRayContext.setTraceKitParent(subsegment, parent);
    parent.addSubsegment(subsegment);
    Listeners.notifySet(recorder, parent, subsegment);
    ThreadLocalStorageAccess.set(subsegment);
    XRayContext.onBegin(subsegment);
    Listeners.onBeginSubsegment(recorder, subsegment);
    return subsegment;
  }

  /** Begins an unrecorded subsegment of {@code parent} and makes it current. */
  static Subsegment beginNoOp(AWSXRayRecorder recorder, Segment segment, Entity parent) {
    Subsegment noOp = Subsegment.noOp(segment, recorder);
    noOp.setParent(parent);
    ThreadLocalStorageAccess.set(noOp);
    XRayContext.onBegin(noOp);
    return noOp;
  }

  /**
   * Returns {@code current} when it is a subsegment; otherwise reports the missing subsegment
   * through the recorder's context-missing strategy and returns null.
   */
  @Nullable
  static Subsegment currentOrReport(@Nullable Entity current, AWSXRayRecorder recorder) {
    if (current instanceof Subsegment) {
      return (Subsegment) current;
    }
    recorder
        .getContextMissingStrategy()
        .contextMissing(
            "Failed to end subsegment: subsegment cannot be found.",
            SubsegmentNotFoundException.class);
    return null;
  }
}

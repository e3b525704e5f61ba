package com.amazonaws.xray.contexts;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.EntityImpl;
import com.amazonaws.xray.entities.NoOpSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.SubsegmentImpl;
import com.amazonaws.xray.exceptions.SegmentNotFoundException;
import com.amazonaws.xray.exceptions.SubsegmentNotFoundException;
import dev.tracekit.compat.xray.XRayContext;

/** The default context: the current entity is thread-local. */
public class ThreadLocalSegmentContext implements SegmentContext {

  @Override
  public Subsegment beginSubsegment(AWSXRayRecorder recorder, String name) {
    Entity current = getTraceEntity();
    if (current == null) {
      recorder
          .getContextMissingStrategy()
          .contextMissing(
              "Failed to begin subsegment named '" + name + "': segment cannot be found.",
              SegmentNotFoundException.class);
      return Subsegment.noOp(recorder);
    }
    Segment parentSegment = current.getParentSegment();
    if (parentSegment instanceof NoOpSegment || !(current instanceof EntityImpl)) {
      // An unrecorded request: hand out a subsegment that records nothing but keeps context.
      Subsegment noOp = Subsegment.noOp(parentSegment, recorder);
      ThreadLocalStorageAccess.set(noOp);
      return noOp;
    }
    SubsegmentImpl subsegment = new SubsegmentImpl(recorder, name, parentSegment);
    subsegment.setParent(current);
    subsegment.setTraceKitParent(XRayContext.traceKitParentFor(current));
    current.addSubsegment(subsegment);
    Listeners.notifySet(recorder, current, subsegment);
    ThreadLocalStorageAccess.set(subsegment);
    XRayContext.onBegin(subsegment);
    Listeners.each(recorder, listener -> listener.onBeginSubsegment(subsegment));
    return subsegment;
  }

  @Override
  public void endSubsegment(AWSXRayRecorder recorder) {
    Entity current = getTraceEntity();
    if (!(current instanceof Subsegment)) {
      recorder
          .getContextMissingStrategy()
          .contextMissing(
              "Failed to end subsegment: subsegment cannot be found.",
              SubsegmentNotFoundException.class);
      return;
    }
    Subsegment subsegment = (Subsegment) current;
    Listeners.each(recorder, listener -> listener.beforeEndSubsegment(subsegment));
    boolean segmentCanBeSent = subsegment.end();
    if (segmentCanBeSent) {
      recorder.sendSegment(subsegment.getParentSegment());
    } else {
      Segment segment = subsegment.getParentSegment();
      if (recorder.getStreamingStrategy().requiresStreaming(segment)) {
        recorder.getStreamingStrategy().streamSome(segment, recorder.getEmitter());
      }
    }
    Listeners.each(recorder, listener -> listener.afterEndSubsegment(subsegment));
    // As in the X-Ray SDK, the parent becomes current last, after listeners heard of it.
    Entity parent = subsegment.getParent();
    Listeners.notifySet(recorder, subsegment, parent);
    ThreadLocalStorageAccess.set(parent);
    XRayContext.onEnd(subsegment, parent);
  }
}

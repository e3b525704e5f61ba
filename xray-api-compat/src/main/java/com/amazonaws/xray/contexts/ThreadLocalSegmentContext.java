package com.amazonaws.xray.contexts;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.exceptions.SegmentNotFoundException;
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
    return Subsegments.beginChild(recorder, name, current);
  }

  @Override
  public void endSubsegment(AWSXRayRecorder recorder) {
    Subsegment subsegment = Subsegments.currentOrReport(getTraceEntity(), recorder);
    if (subsegment == null) {
      return;
    }
    Listeners.beforeEndSubsegment(recorder, subsegment);
    boolean segmentCanBeSent = subsegment.end();
    if (segmentCanBeSent) {
      recorder.sendSegment(subsegment.getParentSegment());
    } else {
      Segment segment = subsegment.getParentSegment();
      if (recorder.getStreamingStrategy().requiresStreaming(segment)) {
        recorder.getStreamingStrategy().streamSome(segment, recorder.getEmitter());
      }
    }
    Listeners.afterEndSubsegment(recorder, subsegment);
    // As in the X-Ray SDK, the parent becomes current last, after listeners heard of it.
    Entity parent = subsegment.getParent();
    Listeners.notifySet(recorder, subsegment, parent);
    ThreadLocalStorageAccess.set(parent);
    XRayContext.onEnd(subsegment, parent);
  }
}

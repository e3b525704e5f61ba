package com.amazonaws.xray.contexts;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.ThreadLocalStorage;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.internal.SamplingStrategyOverride;
import dev.tracekit.compat.xray.CommonsLogging;
import dev.tracekit.compat.xray.XRayContext;
import org.apache.commons.logging.Log;

/**
 * Where the current entity lives and how segments and subsegments begin and end in it. The default
 * methods keep the entity in {@link ThreadLocalStorage}, tell the recorder's {@link
 * com.amazonaws.xray.listeners.SegmentListener SegmentListener}s, and keep TraceKit's current span
 * in step.
 */
public interface SegmentContext {
  /**
   * The commons-logging log of X-Ray's contexts, as in the X-Ray SDK; null only when the app removed
   * commons-logging (and every replacement, such as jcl-over-slf4j or spring-jcl) from its class path.
   */
  @Deprecated
  Log logger = CommonsLogging.logFor(SegmentContext.class);

  /**
   * Makes {@code segment} the current entity. Listeners hear of it first ({@code onSetEntity}, while
   * the previous entity is still current), as in the X-Ray SDK.
   */
  default Segment beginSegment(AWSXRayRecorder recorder, Segment segment) {
    Entity previous = getTraceEntity();
    Listeners.notifySet(recorder, previous, segment);
    ThreadLocalStorage.set(segment);
    XRayContext.onBegin(segment);
    return segment;
  }

  /** Clears the current entity after its segment ended; listeners hear of it first. */
  default void endSegment(AWSXRayRecorder recorder) {
    Entity previous = getTraceEntity();
    Listeners.notifyClear(recorder, previous);
    ThreadLocalStorage.clear();
    if (previous != null) {
      XRayContext.onEnd(previous.getParentSegment() != null ? previous.getParentSegment() : previous, null);
    }
  }

  default Entity getTraceEntity() {
    return ThreadLocalStorage.get();
  }

  default void setTraceEntity(Entity entity) {
    Entity previous = getTraceEntity();
    if (entity == null) {
      clearTraceEntity();
      return;
    }
    AWSXRayRecorder recorder = entity.getCreator();
    if (recorder != null) {
      Listeners.notifySet(recorder, previous, entity);
    }
    ThreadLocalStorage.set(entity);
    XRayContext.onSet(entity);
  }

  default void clearTraceEntity() {
    Entity previous = getTraceEntity();
    if (previous != null && previous.getCreator() != null) {
      Listeners.notifyClear(previous.getCreator(), previous);
    }
    ThreadLocalStorage.clear();
    XRayContext.onSet(null);
  }

  /** Begins a subsegment of the current entity and makes it current. */
  Subsegment beginSubsegment(AWSXRayRecorder recorder, String name);

  /** Begins a subsegment that is never sampled. */
  default Subsegment beginSubsegmentWithoutSampling(AWSXRayRecorder recorder, String name) {
    return beginSubsegmentWithSamplingOverride(recorder, name, SamplingStrategyOverride.FALSE);
  }

  /** Begins a subsegment whose sampling follows {@code override}. */
  @Deprecated
  default Subsegment beginSubsegmentWithSamplingOverride(
      AWSXRayRecorder recorder, String name, SamplingStrategyOverride override) {
    Subsegment subsegment = beginSubsegment(recorder, name);
    if (override == SamplingStrategyOverride.FALSE) {
      subsegment.setSampledFalse();
    }
    return subsegment;
  }

  /** Ends the current subsegment and makes its parent current. */
  void endSubsegment(AWSXRayRecorder recorder);
}

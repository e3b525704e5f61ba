package com.amazonaws.xray.contexts;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.EntityImpl;
import com.amazonaws.xray.entities.FacadeSegment;
import com.amazonaws.xray.entities.NoOpSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.entities.TraceID;
import dev.tracekit.compat.xray.LambdaInvocations;
import dev.tracekit.compat.xray.XRayContext;

/**
 * The context in AWS Lambda, where the segment belongs to the Lambda service: the first subsegment of
 * an invocation (no current entity, or one left under a facade of an older trace header) hangs
 * under a {@link FacadeSegment} built from the invocation's trace header ({@link
 * #getTraceHeaderFromEnvironment()}); an unsampled header gives subsegments that record nothing,
 * and an incomplete one (no {@code Root} or no {@code Parent}) too. When a subsegment directly under
 * the facade ends, the context is cleared and the subsegment is handed to the emitter, as in the
 * X-Ray SDK. A recorded segment of the application's own ({@code beginSegment}, on which the X-Ray
 * SDK fails in Lambda) works as elsewhere.
 *
 * <p>The subsegments become children of a span for the invocation, which is exported, and the
 * pipeline flushed, when the invocation's last open subsegment ends; see {@link LambdaInvocations}.
 * The current entity is thread-local, as with {@link ThreadLocalSegmentContext}.
 */
public class LambdaSegmentContext implements SegmentContext {
  private final LambdaEnvironment environment;

  /** A context over the process's environment. */
  public LambdaSegmentContext() {
    this(LambdaEnvironment.SYSTEM);
  }

  LambdaSegmentContext(LambdaEnvironment environment) {
    this.environment = environment;
  }

  /**
   * Returns the current invocation's trace header: the Lambda runtime's per-thread value for
   * concurrent invocations when present, else the {@code _X_AMZN_TRACE_ID} environment variable,
   * else the {@code com.amazonaws.xray.traceHeader} system property; an empty header when none is
   * set.
   */
  public static TraceHeader getTraceHeaderFromEnvironment() {
    return LambdaEnvironment.SYSTEM.traceHeader();
  }

  @Override
  public Subsegment beginSubsegment(AWSXRayRecorder recorder, String name) {
    Entity current = getTraceEntity();
    String perThread = environment.concurrentTraceHeader();
    TraceHeader header =
        TraceHeader.fromString(perThread != null ? perThread : environment.processTraceHeader());
    if (current == null || isFromAnotherInvocation(current, header)) {
      // A process-wide header names one invocation at a time; per-thread ones run concurrently.
      return beginInvocationSubsegment(recorder, name, header, perThread == null);
    }
    return Subsegments.beginChild(recorder, name, current);
  }

  /**
   * True when {@code current} was left by an earlier invocation: it hangs under a facade (or records
   * nothing) and the header now names another trace.
   */
  private static boolean isFromAnotherInvocation(Entity current, TraceHeader header) {
    TraceID root = header.getRootTraceId();
    if (root == null || root.equals(current.getTraceId())) {
      return false;
    }
    return current.getParentSegment() instanceof FacadeSegment || !(current instanceof EntityImpl);
  }

  private Subsegment beginInvocationSubsegment(
      AWSXRayRecorder recorder, String name, TraceHeader header, boolean sequential) {
    TraceID root = header.getRootTraceId();
    String parentId = header.getParentId();
    if (root == null || parentId == null) {
      // No complete header: nothing to attach to, so nothing is recorded.
      Segment noOp = Segment.noOp(root != null ? root : TraceID.create(recorder), recorder);
      return Subsegments.beginNoOp(recorder, noOp, noOp);
    }
    FacadeSegment facade = new FacadeSegment(recorder, root, parentId, header.getSampled());
    if (sequential) {
      LambdaInvocations.supersedeOthers(facade);
    }
    return Subsegments.beginChild(recorder, name, facade);
  }

  @Override
  public void endSubsegment(AWSXRayRecorder recorder) {
    Subsegment subsegment = Subsegments.currentOrReport(getTraceEntity(), recorder);
    if (subsegment == null) {
      return;
    }
    Listeners.beforeEndSubsegment(recorder, subsegment);
    // Exports the subsegment's span; when it was the invocation's last open one, also the
    // invocation's span, and flushes.
    boolean segmentCanBeSent = subsegment.end();
    Entity parent = subsegment.getParent();
    // Directly under the invocation's segment (the facade, or the no-op one of an incomplete
    // header): the context is cleared, as in the X-Ray SDK. An own segment becomes current again.
    boolean underFacade =
        parent == null || parent instanceof FacadeSegment || parent instanceof NoOpSegment;
    Entity nowCurrent = underFacade ? null : parent;
    ThreadLocalStorageAccess.set(nowCurrent);
    XRayContext.onEnd(subsegment, nowCurrent);
    if (underFacade) {
      // The facade is never sent: its direct subsegments go to the emitter on their own.
      recorder.sendSubsegment(subsegment);
    } else if (segmentCanBeSent) {
      recorder.sendSegment(subsegment.getParentSegment());
    }
    Listeners.afterEndSubsegment(recorder, subsegment);
  }
}

package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.internal.SamplingStrategyOverride;
import dev.tracekit.compat.xray.EntityDocuments;
import dev.tracekit.compat.xray.EntitySpans;
import java.util.Set;

/**
 * A recorded subsegment. Its trace id and sampling decision come from its segment; it becomes a
 * child span, exported as soon as it ends (not when the segment ends).
 */
public class SubsegmentImpl extends EntityImpl implements Subsegment {
  private Segment parentSegment;
  private boolean shouldPropagate = true;
  private volatile boolean sampled;
  private final SamplingStrategyOverride samplingStrategyOverride;

  /** Starts a subsegment of {@code parentSegment}, following its sampling decision. */
  public SubsegmentImpl(AWSXRayRecorder creator, String name, Segment parentSegment) {
    this(creator, name, parentSegment, SamplingStrategyOverride.DISABLED);
  }

  /** Starts a subsegment of {@code parentSegment}; {@code FALSE} forces it unsampled. */
  @Deprecated
  public SubsegmentImpl(
      AWSXRayRecorder creator,
      String name,
      Segment parentSegment,
      SamplingStrategyOverride samplingStrategyOverride) {
    super(creator, name, parentSegment);
    if (parentSegment == null) {
      throw new NullPointerException("parentSegment");
    }
    this.parentSegment = parentSegment;
    this.samplingStrategyOverride =
        samplingStrategyOverride == null ? SamplingStrategyOverride.DISABLED : samplingStrategyOverride;
    this.sampled =
        parentSegment.isSampled() && this.samplingStrategyOverride != SamplingStrategyOverride.FALSE;
    parentSegment.incrementReferenceCount();
  }

  /**
   * Ends this subsegment and exports its span; returns true when its segment can now be sent. The
   * subsegment whose end leaves its ended segment ready to send is marked emitted, as in the X-Ray
   * SDK. Ending it again reports what the X-Ray SDK reports (an {@link
   * com.amazonaws.xray.exceptions.AlreadyEmittedException} to the context-missing strategy when it
   * or its segment was emitted) but, unlike the X-Ray SDK, neither counts it out of its segment
   * twice nor has the segment sent a second time; its span is exported once.
   */
  @Override
  public boolean end() {
    boolean endedBefore = !isInProgress();
    checkAlreadyEmittedOnEnd();
    if (!endedBefore) {
      markEnded();
      EntitySpans.onEnd(this);
    }
    boolean segmentCanBeSent =
        endedBefore ? segmentCanBeSentAfterEndingAgain() : parentSegment.decrementReferenceCount();
    boolean emit = segmentCanBeSent && isSampled();
    if (emit) {
      checkAlreadyEmitted();
      setEmitted(true);
    }
    return emit && !endedBefore;
  }

  @Override
  long nowEpochNanos() {
    return nowIn(parentSegment);
  }

  /**
   * What the X-Ray SDK's second decrement of the segment's reference count reports (an emitted
   * segment) and answers (whether the ended segment has nothing open), without decrementing it.
   */
  private boolean segmentCanBeSentAfterEndingAgain() {
    if (parentSegment instanceof EntityImpl) {
      ((EntityImpl) parentSegment).checkAlreadyEmitted();
    }
    return !parentSegment.isInProgress() && parentSegment.getReferenceCount() <= 0;
  }

  @Override
  public TraceID getTraceId() {
    return parentSegment.getTraceId();
  }

  @Override
  public String getNamespace() {
    return super.getNamespace();
  }

  @Override
  public void setNamespace(String namespace) {
    super.setNamespace(namespace);
  }

  @Override
  public Segment getParentSegment() {
    return parentSegment;
  }

  @Override
  public void setParentSegment(Segment parentSegment) {
    checkAlreadyEmitted();
    if (parentSegment != null) {
      this.parentSegment = parentSegment;
    }
  }

  @Override
  public void addPrecursorId(String precursorId) {
    checkAlreadyEmitted();
    if (precursorId != null) {
      data().precursorIds().add(precursorId);
    }
  }

  @Override
  public Set<String> getPrecursorIds() {
    return dataForGetter().precursorIds();
  }

  @Override
  public void setPrecursorIds(Set<String> precursorIds) {
    checkAlreadyEmitted();
    if (precursorIds != null) {
      data().setPrecursorIds(precursorIds);
    }
  }

  @Override
  public boolean shouldPropagate() {
    return shouldPropagate;
  }

  @Override
  public String streamSerialize() {
    return EntityDocuments.streamSerialize(this, false);
  }

  @Override
  public String prettyStreamSerialize() {
    return EntityDocuments.streamSerialize(this, true);
  }

  /** Ends the current subsegment of this subsegment's recorder, as the X-Ray SDK does. */
  @Override
  public void close() {
    AWSXRayRecorder recorder = getCreator();
    if (recorder != null) {
      recorder.endSubsegment();
    } else {
      end();
    }
  }

  @Override
  public boolean isSampled() {
    return sampled;
  }

  @Override
  public boolean isRecording() {
    return true;
  }

  @Override
  public void setSampledFalse() {
    checkAlreadyEmitted();
    sampled = false;
  }

  @Deprecated
  @Override
  public SamplingStrategyOverride getSamplingStrategyOverride() {
    return samplingStrategyOverride;
  }
}

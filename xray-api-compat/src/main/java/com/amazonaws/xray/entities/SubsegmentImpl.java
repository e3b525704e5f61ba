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
  public SubsegmentImpl(
      AWSXRayRecorder creator,
      String name,
      Segment parentSegment,
      SamplingStrategyOverride samplingStrategyOverride) {
    super(creator, name);
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
   * Ends this subsegment and exports its span; returns true when its segment can now be sent.
   * Ending it again does nothing, except that once its segment was emitted this is reported as the
   * X-Ray SDK does (an {@link com.amazonaws.xray.exceptions.AlreadyEmittedException} to the
   * context-missing strategy). Unlike the X-Ray SDK, it never has the segment sent a second time.
   */
  @Override
  public boolean end() {
    if (!isInProgress()) {
      if (parentSegment.isEmitted() && parentSegment instanceof EntityImpl) {
        ((EntityImpl) parentSegment).reportAlreadyEmitted();
      }
      return false;
    }
    markEnded();
    EntitySpans.onEnd(this);
    return parentSegment.decrementReferenceCount() && parentSegment.isSampled();
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
    if (checkAlreadyEmitted() && parentSegment != null) {
      this.parentSegment = parentSegment;
    }
  }

  @Override
  public void addPrecursorId(String precursorId) {
    if (checkAlreadyEmitted() && precursorId != null) {
      data().precursorIds().add(precursorId);
    }
  }

  @Override
  public Set<String> getPrecursorIds() {
    return dataForGetter().precursorIds();
  }

  @Override
  public void setPrecursorIds(Set<String> precursorIds) {
    if (checkAlreadyEmitted() && precursorIds != null) {
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
    sampled = false;
  }

  @Override
  public SamplingStrategyOverride getSamplingStrategyOverride() {
    return samplingStrategyOverride;
  }
}

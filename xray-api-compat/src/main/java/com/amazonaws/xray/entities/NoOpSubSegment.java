package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.internal.SamplingStrategyOverride;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * A subsegment that records nothing (its segment is not recorded); context still propagates. As in
 * the X-Ray SDK, it keeps only its parent and the namespace it is given.
 */
class NoOpSubSegment extends NoOpEntity implements Subsegment {
  private final Segment parentSegment;
  private final boolean shouldPropagate;
  private final SamplingStrategyOverride samplingStrategyOverride;
  @Nullable private volatile Entity parent;
  private volatile String namespace = "";

  NoOpSubSegment(Segment parentSegment, AWSXRayRecorder creator) {
    this(parentSegment, creator, true, SamplingStrategyOverride.DISABLED);
  }

  NoOpSubSegment(
      Segment parentSegment,
      AWSXRayRecorder creator,
      boolean shouldPropagate,
      SamplingStrategyOverride samplingStrategyOverride) {
    super(creator);
    this.parentSegment = parentSegment == null ? Segment.noOp(TraceID.invalid(), creator) : parentSegment;
    this.shouldPropagate = shouldPropagate;
    this.samplingStrategyOverride = samplingStrategyOverride == null ? SamplingStrategyOverride.DISABLED : samplingStrategyOverride;
    this.parent = this.parentSegment;
  }

  @Override
  public boolean end() {
    return false;
  }

  @Override
  public String getNamespace() {
    return namespace;
  }

  @Override
  public void setNamespace(String value) {
    namespace = value;
  }

  @Override
  public Entity getParent() {
    return parent;
  }

  @Override
  public void setParent(Entity value) {
    parent = value;
  }

  @Override
  public TraceID getTraceId() {
    return parentSegment.getTraceId();
  }

  @Override
  public Segment getParentSegment() {
    return parentSegment;
  }

  @Override
  public void setParentSegment(Segment value) {
  }

  @Override
  public Set<String> getPrecursorIds() {
    return NoOpCollections.set();
  }

  @Override
  public void setPrecursorIds(Set<String> value) {
  }

  @Override
  public void addPrecursorId(String value) {
  }

  @Override
  public boolean shouldPropagate() {
    return shouldPropagate;
  }

  @Override
  public String streamSerialize() {
    return "";
  }

  @Override
  public String prettyStreamSerialize() {
    return "";
  }

  @Override
  public void close() {
    if (creator != null) {
      creator.endSubsegment();
    }
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public void setSampledFalse() {
  }

  @Override
  public SamplingStrategyOverride getSamplingStrategyOverride() {
    return samplingStrategyOverride;
  }

}

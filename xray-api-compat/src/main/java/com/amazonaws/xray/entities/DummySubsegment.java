package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.internal.SamplingStrategyOverride;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * A subsegment that records nothing, as the X-Ray SDK's: every setter and {@code put*} is ignored,
 * its id, name, parent id and namespace are empty strings, its times 0; it is neither sampled,
 * recording nor propagated, and it is its own parent. Like X-Ray's, it keeps what is written
 * directly into its maps, subsegment list and precursor ids (see {@link DummyEntity}). Its segment
 * is a {@link DummySegment} of its own. Nothing is exported for it. Thread-safe.
 */
@Deprecated
public class DummySubsegment extends DummyEntity implements Subsegment {
  private final Segment parentSegment;
  private final SamplingStrategyOverride samplingStrategyOverride;
  private final Set<String> precursorIds = Collections.synchronizedSet(new HashSet<>());

  /** A dummy subsegment in a new trace. */
  public DummySubsegment(AWSXRayRecorder creator) {
    this(creator, TraceID.create(creator));
  }

  /** A dummy subsegment in trace {@code traceId} (a new one when null). */
  public DummySubsegment(AWSXRayRecorder creator, TraceID traceId) {
    this(creator, traceId, SamplingStrategyOverride.DISABLED);
  }

  /** A dummy subsegment in trace {@code traceId} that reports {@code samplingStrategyOverride}. */
  @Deprecated
  public DummySubsegment(
      AWSXRayRecorder creator, TraceID traceId, SamplingStrategyOverride samplingStrategyOverride) {
    super(creator, traceId);
    this.parentSegment = new DummySegment(creator);
    this.samplingStrategyOverride =
        samplingStrategyOverride == null ? SamplingStrategyOverride.DISABLED : samplingStrategyOverride;
  }

  /** Returns false: a dummy is never sent. */
  @Override
  public boolean end() {
    return false;
  }

  @Override
  public Segment getParentSegment() {
    return parentSegment;
  }

  @Override
  public void setParentSegment(Segment parentSegment) {}

  @Override
  public Set<String> getPrecursorIds() {
    return precursorIds;
  }

  @Override
  public void setPrecursorIds(Set<String> precursorIds) {}

  @Override
  public void addPrecursorId(String precursorId) {}

  @Override
  public boolean shouldPropagate() {
    return false;
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
  public boolean isSampled() {
    return false;
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public void setSampledFalse() {}

  @Deprecated
  @Override
  public SamplingStrategyOverride getSamplingStrategyOverride() {
    return samplingStrategyOverride;
  }

  @Override
  public String getName() {
    return "";
  }

  @Override
  public double getStartTime() {
    return 0;
  }

  @Override
  public double getEndTime() {
    return 0;
  }
}

package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.internal.SamplingStrategyOverride;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import javax.annotation.Nullable;

/** A subsegment that records nothing (its segment is not recorded); context still propagates. */
class NoOpSubSegment implements Subsegment {
  private final Segment parentSegment;
  private final AWSXRayRecorder creator;
  private final boolean shouldPropagate;
  private final SamplingStrategyOverride samplingStrategyOverride;
  private final String id = Entity.generateId();
  @Nullable private volatile Entity parent;

  NoOpSubSegment(Segment parentSegment, AWSXRayRecorder creator) {
    this(parentSegment, creator, true, SamplingStrategyOverride.DISABLED);
  }

  NoOpSubSegment(
      Segment parentSegment,
      AWSXRayRecorder creator,
      boolean shouldPropagate,
      SamplingStrategyOverride samplingStrategyOverride) {
    this.parentSegment = parentSegment == null ? Segment.noOp(TraceID.invalid(), creator) : parentSegment;
    this.creator = creator;
    this.shouldPropagate = shouldPropagate;
    this.samplingStrategyOverride = samplingStrategyOverride == null ? SamplingStrategyOverride.DISABLED : samplingStrategyOverride;
    this.parent = this.parentSegment;
  }

  @Override
  public boolean end() {
    return false;
  }

  @Override
  public String getName() {
    return "";
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public void setId(String arg0) {
  }

  @Override
  public double getStartTime() {
    return 0;
  }

  @Override
  public void setStartTime(double arg0) {
  }

  @Override
  public double getEndTime() {
    return 0;
  }

  @Override
  public void setEndTime(double arg0) {
  }

  @Override
  public boolean isFault() {
    return false;
  }

  @Override
  public void setFault(boolean arg0) {
  }

  @Override
  public boolean isError() {
    return false;
  }

  @Override
  public void setError(boolean arg0) {
  }

  @Override
  public String getNamespace() {
    return null;
  }

  @Override
  public void setNamespace(String arg0) {
  }

  @Override
  public ReentrantLock getSubsegmentsLock() {
    return NoOpCollections.lock();
  }

  @Override
  public void setSubsegmentsLock(ReentrantLock arg0) {
  }

  @Override
  public Cause getCause() {
    return new Cause();
  }

  @Override
  public Map<String, Object> getHttp() {
    return NoOpCollections.map();
  }

  @Override
  public void setHttp(Map<String, Object> arg0) {
  }

  @Override
  public Map<String, Object> getAws() {
    return NoOpCollections.map();
  }

  @Override
  public void setAws(Map<String, Object> arg0) {
  }

  @Override
  public Map<String, Object> getSql() {
    return NoOpCollections.map();
  }

  @Override
  public void setSql(Map<String, Object> arg0) {
  }

  @Override
  public Map<String, Map<String, Object>> getMetadata() {
    return NoOpCollections.map();
  }

  @Override
  public void setMetadata(Map<String, Map<String, Object>> arg0) {
  }

  @Override
  public Map<String, Object> getAnnotations() {
    return NoOpCollections.map();
  }

  @Override
  public void setAnnotations(Map<String, Object> arg0) {
  }

  @Override
  public Entity getParent() {
    return parent;
  }

  @Override
  public void setParent(Entity arg0) {
    parent = arg0;
  }

  @Override
  public boolean isThrottle() {
    return false;
  }

  @Override
  public void setThrottle(boolean arg0) {
  }

  @Override
  public boolean isInProgress() {
    return false;
  }

  @Override
  public void setInProgress(boolean arg0) {
  }

  @Override
  public TraceID getTraceId() {
    return parentSegment.getTraceId();
  }

  @Override
  public void setTraceId(TraceID arg0) {
  }

  @Override
  public String getParentId() {
    return null;
  }

  @Override
  public void setParentId(String arg0) {
  }

  @Override
  public AWSXRayRecorder getCreator() {
    return creator;
  }

  @Override
  public void setCreator(AWSXRayRecorder arg0) {
  }

  @Override
  public Segment getParentSegment() {
    return parentSegment;
  }

  @Override
  public List<Subsegment> getSubsegments() {
    return NoOpCollections.list();
  }

  @Override
  public List<Subsegment> getSubsegmentsCopy() {
    return NoOpCollections.list();
  }

  @Override
  public void addSubsegment(Subsegment arg0) {
  }

  @Override
  public void addException(Throwable arg0) {
  }

  @Override
  public int getReferenceCount() {
    return 0;
  }

  @Override
  public LongAdder getTotalSize() {
    return new LongAdder();
  }

  @Override
  public void incrementReferenceCount() {
  }

  @Override
  public boolean decrementReferenceCount() {
    return false;
  }

  @Override
  public void putHttp(String arg0, Object arg1) {
  }

  @Override
  public void putAllHttp(Map<String, Object> arg0) {
  }

  @Override
  public void putAws(String arg0, Object arg1) {
  }

  @Override
  public void putAllAws(Map<String, Object> arg0) {
  }

  @Override
  public void putSql(String arg0, Object arg1) {
  }

  @Override
  public void putAllSql(Map<String, Object> arg0) {
  }

  @Override
  public void putAnnotation(String arg0, String arg1) {
  }

  @Override
  public void putAnnotation(String arg0, Number arg1) {
  }

  @Override
  public void putAnnotation(String arg0, Boolean arg1) {
  }

  @Override
  public void putMetadata(String arg0, Object arg1) {
  }

  @Override
  public void putMetadata(String arg0, String arg1, Object arg2) {
  }

  @Override
  public void removeSubsegment(Subsegment arg0) {
  }

  @Override
  public boolean isEmitted() {
    return false;
  }

  @Override
  public void setEmitted(boolean arg0) {
  }

  @Override
  public boolean compareAndSetEmitted(boolean arg0, boolean arg1) {
    return false;
  }

  @Override
  public String serialize() {
    return "";
  }

  @Override
  public String prettySerialize() {
    return "";
  }

  @Override
  public void setParentSegment(Segment arg0) {
  }

  @Override
  public Set<String> getPrecursorIds() {
    return NoOpCollections.set();
  }

  @Override
  public void setPrecursorIds(Set<String> arg0) {
  }

  @Override
  public void addPrecursorId(String arg0) {
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
  public boolean isSampled() {
    return false;
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

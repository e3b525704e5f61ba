package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.core.internal.RandomIds;
import dev.tracekit.compat.xray.TraceKitEntity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import javax.annotation.Nullable;

/**
 * What {@link NoOpSegment} and {@link NoOpSubSegment} share: a TraceKit span id (so that trace
 * context still propagates, unsampled), the recorder, and an entity that ignores every change and
 * reports nothing recorded. As in the X-Ray SDK, its X-Ray id and namespace are empty strings, not
 * null, so that code such as {@code getId().isEmpty()} works on unsampled requests too.
 */
abstract class NoOpEntity extends TraceKitEntity implements Entity {
  @Nullable final AWSXRayRecorder creator;

  NoOpEntity(@Nullable AWSXRayRecorder creator) {
    super(RandomIds.nonZeroLong());
    this.creator = creator;
  }

  @Override
  public boolean isSampled() {
    return false;
  }

  @Override
  public String getName() {
    return "";
  }

  @Override
  public String getId() {
    return "";
  }

  @Override
  public void setId(String id) {
  }

  @Override
  public double getStartTime() {
    return 0;
  }

  @Override
  public void setStartTime(double startTime) {
  }

  @Override
  public double getEndTime() {
    return 0;
  }

  @Override
  public void setEndTime(double endTime) {
  }

  @Override
  public boolean isFault() {
    return false;
  }

  @Override
  public void setFault(boolean fault) {
  }

  @Override
  public boolean isError() {
    return false;
  }

  @Override
  public void setError(boolean error) {
  }

  @Override
  public String getNamespace() {
    return "";
  }

  @Override
  public void setNamespace(String namespace) {
  }

  @Override
  public ReentrantLock getSubsegmentsLock() {
    return NoOpCollections.lock();
  }

  @Override
  public void setSubsegmentsLock(ReentrantLock subsegmentsLock) {
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
  public void setHttp(Map<String, Object> value) {
  }

  @Override
  public Map<String, Object> getAws() {
    return NoOpCollections.map();
  }

  @Override
  public void setAws(Map<String, Object> value) {
  }

  @Override
  public Map<String, Object> getSql() {
    return NoOpCollections.map();
  }

  @Override
  public void setSql(Map<String, Object> value) {
  }

  @Override
  public Map<String, Map<String, Object>> getMetadata() {
    return NoOpCollections.map();
  }

  @Override
  public void setMetadata(Map<String, Map<String, Object>> value) {
  }

  @Override
  public Map<String, Object> getAnnotations() {
    return NoOpCollections.map();
  }

  @Override
  public void setAnnotations(Map<String, Object> value) {
  }

  @Override
  public boolean isThrottle() {
    return false;
  }

  @Override
  public void setThrottle(boolean value) {
  }

  @Override
  public boolean isInProgress() {
    return false;
  }

  @Override
  public void setInProgress(boolean value) {
  }

  @Override
  public void setTraceId(TraceID value) {
  }

  @Override
  public String getParentId() {
    return null;
  }

  @Override
  public void setParentId(String value) {
  }

  @Override
  public AWSXRayRecorder getCreator() {
    return creator;
  }

  @Override
  public void setCreator(AWSXRayRecorder value) {
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
  public void addSubsegment(Subsegment value) {
  }

  @Override
  public void addException(Throwable exception) {
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
  public void putHttp(String key, Object value) {
  }

  @Override
  public void putAllHttp(Map<String, Object> all) {
  }

  @Override
  public void putAws(String key, Object value) {
  }

  @Override
  public void putAllAws(Map<String, Object> all) {
  }

  @Override
  public void putSql(String key, Object value) {
  }

  @Override
  public void putAllSql(Map<String, Object> all) {
  }

  @Override
  public void putAnnotation(String key, String value) {
  }

  @Override
  public void putAnnotation(String key, Number value) {
  }

  @Override
  public void putAnnotation(String key, Boolean value) {
  }

  @Override
  public void putMetadata(String key, Object object) {
  }

  @Override
  public void putMetadata(String namespace, String key, Object object) {
  }

  @Override
  public void removeSubsegment(Subsegment subsegment) {
  }

  @Override
  public boolean isEmitted() {
    return false;
  }

  @Override
  public void setEmitted(boolean value) {
  }

  @Override
  public boolean compareAndSetEmitted(boolean current, boolean next) {
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
}

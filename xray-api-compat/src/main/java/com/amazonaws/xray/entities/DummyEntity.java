package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import javax.annotation.Nullable;

/**
 * What {@link DummySegment} and {@link DummySubsegment} share, as in the X-Ray SDK: every entity
 * setter and {@code put*} is ignored, ids and the namespace are empty strings, the entity is its
 * own parent, and it keeps its recorder and trace id. What the app writes directly into the maps
 * and the subsegment list the getters return is kept there, and the http, aws, sql, annotation
 * (and, for a segment, service) maps are one and the same map, as with X-Ray.
 */
abstract class DummyEntity implements Entity {
  private final Cause cause = new Cause();
  private final LongAdder totalSize = new LongAdder();
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Object> values = Collections.synchronizedMap(new HashMap<>());
  private final Map<String, Map<String, Object>> metadata =
      Collections.synchronizedMap(new HashMap<>());
  private final List<Subsegment> subsegments = Collections.synchronizedList(new ArrayList<>());
  @Nullable private final AWSXRayRecorder creator;
  private final TraceID traceId;

  /** Keeps {@code creator} and {@code traceId} (a new trace id when null). */
  DummyEntity(@Nullable AWSXRayRecorder creator, @Nullable TraceID traceId) {
    this.creator = creator;
    this.traceId = traceId == null ? TraceID.create(creator) : traceId;
  }

  @Override
  public String getId() {
    return "";
  }

  @Override
  public void setId(String id) {}

  @Override
  public void setStartTime(double startTime) {}

  @Override
  public void setEndTime(double endTime) {}

  @Override
  public boolean isFault() {
    return false;
  }

  @Override
  public void setFault(boolean fault) {}

  @Override
  public boolean isError() {
    return false;
  }

  @Override
  public void setError(boolean error) {}

  @Override
  public String getNamespace() {
    return "";
  }

  @Override
  public void setNamespace(String namespace) {}

  @Override
  public Cause getCause() {
    return cause;
  }

  @Override
  public Map<String, Object> getHttp() {
    return values;
  }

  @Override
  public void setHttp(Map<String, Object> http) {}

  @Override
  public Map<String, Object> getAws() {
    return values;
  }

  @Override
  public void setAws(Map<String, Object> aws) {}

  @Override
  public Map<String, Object> getSql() {
    return values;
  }

  @Override
  public void setSql(Map<String, Object> sql) {}

  @Override
  public Map<String, Map<String, Object>> getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(Map<String, Map<String, Object>> metadata) {}

  @Override
  public Map<String, Object> getAnnotations() {
    return values;
  }

  @Override
  public void setAnnotations(Map<String, Object> annotations) {}

  @Override
  public Entity getParent() {
    return this;
  }

  @Override
  public void setParent(Entity parent) {}

  @Override
  public boolean isThrottle() {
    return false;
  }

  @Override
  public void setThrottle(boolean throttle) {}

  @Override
  public boolean isInProgress() {
    return false;
  }

  @Override
  public void setInProgress(boolean inProgress) {}

  @Override
  public TraceID getTraceId() {
    return traceId;
  }

  @Override
  public void setTraceId(TraceID traceId) {}

  @Override
  public AWSXRayRecorder getCreator() {
    return creator;
  }

  @Override
  public void setCreator(AWSXRayRecorder creator) {}

  @Override
  public String getParentId() {
    return "";
  }

  @Override
  public void setParentId(String parentId) {}

  @Override
  public List<Subsegment> getSubsegments() {
    return subsegments;
  }

  @Override
  public List<Subsegment> getSubsegmentsCopy() {
    return new ArrayList<>(subsegments);
  }

  @Override
  public void addSubsegment(Subsegment subsegment) {}

  @Override
  public void addException(Throwable exception) {}

  @Override
  public void putHttp(String key, Object value) {}

  @Override
  public void putAllHttp(Map<String, Object> all) {}

  @Override
  public void putAws(String key, Object value) {}

  @Override
  public void putAllAws(Map<String, Object> all) {}

  @Override
  public void putSql(String key, Object value) {}

  @Override
  public void putAllSql(Map<String, Object> all) {}

  @Override
  public void putAnnotation(String key, String value) {}

  @Override
  public void putAnnotation(String key, Number value) {}

  @Override
  public void putAnnotation(String key, Boolean value) {}

  @Override
  public void putMetadata(String key, Object object) {}

  @Override
  public void putMetadata(String namespace, String key, Object object) {}

  @Override
  public boolean isEmitted() {
    return false;
  }

  @Override
  public void setEmitted(boolean emitted) {}

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

  @Override
  public ReentrantLock getSubsegmentsLock() {
    return lock;
  }

  @Override
  public void setSubsegmentsLock(ReentrantLock subsegmentsLock) {}

  @Override
  public int getReferenceCount() {
    return 0;
  }

  @Override
  public LongAdder getTotalSize() {
    return totalSize;
  }

  @Override
  public void incrementReferenceCount() {}

  @Override
  public boolean decrementReferenceCount() {
    return false;
  }

  @Override
  public void removeSubsegment(Subsegment subsegment) {}

  /** Does nothing: a dummy is never current, so there is nothing to end. */
  @Override
  public void close() {}
}

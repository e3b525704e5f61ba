package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.xray.EntitySpans;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import javax.annotation.Nullable;

/**
 * A segment that records nothing, as the X-Ray SDK's: every setter and {@code put*} is ignored, its
 * id, parent id, namespace, origin, user and resource ARN are empty strings, its maps and lists
 * empty, it is neither sampled nor in progress, and it is its own parent. It only carries a trace
 * id, a name and the times it was created and ended. Nothing is exported for it. Thread-safe.
 */
public class DummySegment implements Segment {
  private final Cause cause = new Cause();
  private final LongAdder totalSize = new LongAdder();
  private final ReentrantLock lock = new ReentrantLock();
  private final String name;
  private final double startTime;
  private volatile double endTime;
  @Nullable private final AWSXRayRecorder creator;
  private final TraceID traceId;

  /** A dummy segment named {@code name} in trace {@code traceId} (a new one when null). */
  public DummySegment(AWSXRayRecorder creator, String name, TraceID traceId) {
    this.creator = creator;
    this.name = name == null ? "" : name;
    this.traceId = traceId == null ? TraceID.create(creator) : traceId;
    this.startTime = nowSeconds();
  }

  /** An unnamed dummy segment in a new trace. */
  public DummySegment(AWSXRayRecorder creator) {
    this(creator, "", TraceID.create(creator));
  }

  /** An unnamed dummy segment in trace {@code traceId}. */
  public DummySegment(AWSXRayRecorder creator, TraceID traceId) {
    this(creator, "", traceId);
  }

  private static double nowSeconds() {
    return (EntitySpans.nowEpochNanos() / 1_000_000L) / 1000.0;
  }

  /** Records the end time; returns false: a dummy is never sent. */
  @Override
  public boolean end() {
    endTime = nowSeconds();
    return false;
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public boolean isSampled() {
    return false;
  }

  @Override
  public void setSampled(boolean sampled) {}

  @Override
  public String getResourceArn() {
    return "";
  }

  @Override
  public void setResourceArn(String resourceArn) {}

  @Override
  public String getUser() {
    return "";
  }

  @Override
  public void setUser(String user) {}

  @Override
  public String getOrigin() {
    return "";
  }

  @Override
  public void setOrigin(String origin) {}

  @Override
  public Map<String, Object> getService() {
    return NoOpCollections.map();
  }

  @Override
  public void setService(Map<String, Object> service) {}

  @Override
  public void putService(String key, Object object) {}

  @Override
  public void putAllService(Map<String, Object> all) {}

  @Override
  public void setRuleName(String ruleName) {}

  @Override
  public Segment getParentSegment() {
    return this;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getId() {
    return "";
  }

  @Override
  public void setId(String id) {}

  @Override
  public double getStartTime() {
    return startTime;
  }

  @Override
  public void setStartTime(double startTime) {}

  @Override
  public double getEndTime() {
    return endTime;
  }

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
    return NoOpCollections.map();
  }

  @Override
  public void setHttp(Map<String, Object> http) {}

  @Override
  public Map<String, Object> getAws() {
    return NoOpCollections.map();
  }

  @Override
  public void setAws(Map<String, Object> aws) {}

  @Override
  public Map<String, Object> getSql() {
    return NoOpCollections.map();
  }

  @Override
  public void setSql(Map<String, Object> sql) {}

  @Override
  public Map<String, Map<String, Object>> getMetadata() {
    return NoOpCollections.map();
  }

  @Override
  public void setMetadata(Map<String, Map<String, Object>> metadata) {}

  @Override
  public Map<String, Object> getAnnotations() {
    return NoOpCollections.map();
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
    return NoOpCollections.list();
  }

  @Override
  public List<Subsegment> getSubsegmentsCopy() {
    return NoOpCollections.list();
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

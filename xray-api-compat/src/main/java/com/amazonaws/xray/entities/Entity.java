package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.core.internal.Hex;
import dev.tracekit.compat.core.internal.RandomIds;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A segment or subsegment: one timed unit of work with its X-Ray data (annotations, metadata, http,
 * aws, sql, cause). In this implementation each entity is also a TraceKit span, exported when the
 * entity ends.
 */
public interface Entity extends AutoCloseable {

  /** Returns a new random entity id: 16 lowercase hex digits. */
  @Deprecated
  static String generateId() {
    return Hex.fromLong(RandomIds.nonZeroLong());
  }

  /** Runs {@code runnable} with this entity as the current one of the global recorder. */
  default void run(Runnable runnable) {
    run(runnable, getCreator() != null ? getCreator() : AWSXRay.getGlobalRecorder());
  }

  /**
   * Runs {@code runnable} with this entity as the current one of {@code recorder}, then restores the
   * entity that was current before.
   */
  default void run(Runnable runnable, AWSXRayRecorder recorder) {
    Entity previous = recorder.getTraceEntity();
    recorder.setTraceEntity(this);
    try {
      runnable.run();
    } finally {
      recorder.setTraceEntity(previous);
    }
  }

  String getName();

  String getId();

  void setId(String id);

  double getStartTime();

  void setStartTime(double startTime);

  double getEndTime();

  void setEndTime(double endTime);

  boolean isFault();

  void setFault(boolean fault);

  boolean isError();

  void setError(boolean error);

  String getNamespace();

  void setNamespace(String namespace);

  @Deprecated
  ReentrantLock getSubsegmentsLock();

  @Deprecated
  void setSubsegmentsLock(ReentrantLock subsegmentsLock);

  Cause getCause();

  Map<String, Object> getHttp();

  void setHttp(Map<String, Object> http);

  Map<String, Object> getAws();

  void setAws(Map<String, Object> aws);

  Map<String, Object> getSql();

  void setSql(Map<String, Object> sql);

  Map<String, Map<String, Object>> getMetadata();

  void setMetadata(Map<String, Map<String, Object>> metadata);

  Map<String, Object> getAnnotations();

  void setAnnotations(Map<String, Object> annotations);

  Entity getParent();

  void setParent(Entity parent);

  boolean isThrottle();

  void setThrottle(boolean throttle);

  boolean isInProgress();

  void setInProgress(boolean inProgress);

  TraceID getTraceId();

  void setTraceId(TraceID traceId);

  String getParentId();

  void setParentId(String parentId);

  AWSXRayRecorder getCreator();

  void setCreator(AWSXRayRecorder creator);

  Segment getParentSegment();

  @Deprecated
  List<Subsegment> getSubsegments();

  List<Subsegment> getSubsegmentsCopy();

  void addSubsegment(Subsegment subsegment);

  /** Records {@code exception} in the entity's cause and marks it as a fault. */
  void addException(Throwable exception);

  int getReferenceCount();

  LongAdder getTotalSize();

  void incrementReferenceCount();

  boolean decrementReferenceCount();

  void putHttp(String key, Object value);

  void putAllHttp(Map<String, Object> all);

  void putAws(String key, Object value);

  void putAllAws(Map<String, Object> all);

  void putSql(String key, Object value);

  void putAllSql(Map<String, Object> all);

  /** Adds an indexed annotation; the key must match {@code [A-Za-z0-9_]}. */
  void putAnnotation(String key, String value);

  void putAnnotation(String key, Number value);

  void putAnnotation(String key, Boolean value);

  /** Adds metadata in the {@code default} namespace. */
  void putMetadata(String key, Object object);

  void putMetadata(String namespace, String key, Object object);

  void removeSubsegment(Subsegment subsegment);

  boolean isEmitted();

  boolean isSampled();

  void setEmitted(boolean emitted);

  @Deprecated
  boolean compareAndSetEmitted(boolean current, boolean next);

  /** Returns the entity as a compact X-Ray segment document. */
  String serialize();

  /** Returns the entity as an indented X-Ray segment document. */
  String prettySerialize();
}

package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.exceptions.AlreadyEmittedException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.core.internal.AnchoredClock;
import dev.tracekit.compat.core.internal.RandomIds;
import dev.tracekit.compat.xray.AppJackson;
import dev.tracekit.compat.xray.EntityDocuments;
import dev.tracekit.compat.xray.TraceKitEntity;
import dev.tracekit.compat.xray.mapping.XRayIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The data every segment and subsegment holds, as in the X-Ray SDK: name, ids, times, flags, the
 * http/aws/sql/annotation/metadata maps, the cause and the child subsegments.
 *
 * <p>Its life cycle is the X-Ray SDK's: an entity is emitted when its {@code end()} leaves its
 * segment ready to send (a segment ended with no subsegment open; the subsegment whose end closes an
 * ended segment; a streamed subsegment), whether or not a recorder sends it. Every change to an
 * emitted entity, ending it again included, is reported to the recorder's context-missing strategy
 * ({@link AlreadyEmittedException}), which throws under RUNTIME_ERROR; otherwise the change is made,
 * as in the X-Ray SDK (it reaches no exported span: spans are exported when entities end). Null keys
 * or values are ignored instead of failing.
 */
public abstract class EntityImpl extends TraceKitEntity implements Entity {
  private static final Logger LOGGER = Logger.getLogger(EntityImpl.class.getName());
  private static final String DEFAULT_METADATA_NAMESPACE = "default";
  private static final AtomicIntegerFieldUpdater<EntityImpl> EMITTED =
      AtomicIntegerFieldUpdater.newUpdater(EntityImpl.class, "emitted");

  /**
   * The Jackson mapper the entities write free-form values with (metadata, the http/aws/sql maps),
   * as in the X-Ray SDK; shared and thread-safe. Null only when the app's Jackson cannot load.
   */
  @Deprecated
  @Nullable protected static final ObjectMapper mapper = sharedMapper();

  protected LongAdder referenceCount = new LongAdder();
  protected LongAdder totalSize = new LongAdder();

  private String name;
  @Nullable private String parentId;
  private double startTime;
  @Nullable private TraceID traceId;
  private double endTime;
  private boolean fault;
  private boolean error;
  private boolean throttle;
  private boolean inProgress;
  @Nullable private String namespace;
  // Made on first use, like the maps and the cause (see TraceKitEntity.data()).
  @Nullable private volatile List<Subsegment> subsegments;
  @Nullable private volatile ReentrantLock subsegmentsLock;
  @Nullable private Entity parent;
  private AWSXRayRecorder creator;
  // 1 once emitted; set by compare-and-set.
  private volatile int emitted;

  /** For subclasses that fill every field themselves (no-op and facade entities). */
  protected EntityImpl() {}

  /**
   * Starts an entity named {@code name} now.
   *
   * @throws RuntimeException when {@code name} is null or blank, as the X-Ray SDK does
   */
  protected EntityImpl(AWSXRayRecorder creator, String name) {
    this(creator, name, null);
  }

  /** Starts an entity named {@code name} now, as read by {@link #nowIn(Segment) nowIn(segment)}. */
  EntityImpl(AWSXRayRecorder creator, String name, @Nullable Segment segment) {
    super(RandomIds.nonZeroLong());
    StringValidator.throwIfNullOrBlank(name, "(Sub)segment name cannot be null or blank.");
    this.creator = creator;
    this.name = name;
    this.inProgress = true;
    long nowNanos = nowIn(segment);
    setSpanStartNanos(nowNanos);
    // X-Ray documents carry millisecond precision.
    this.startTime = (nowNanos / 1_000_000L) / 1000.0;
  }

  /**
   * Reports a change to this entity, when it was already emitted, to the recorder's context-missing
   * strategy, which may throw {@link AlreadyEmittedException}; the change is made afterwards, as in
   * the X-Ray SDK. Without a recorder it is logged.
   */
  protected void checkAlreadyEmitted() {
    if (emitted == 0) {
      return;
    }
    AWSXRayRecorder recorder = creator;
    // The X-Ray SDK's words, subsegments included.
    String message = "Segment " + name + " has already been emitted.";
    if (recorder != null) {
      recorder.getContextMissingStrategy().contextMissing(message, AlreadyEmittedException.class);
    } else {
      LOGGER.log(Level.FINE, message);
    }
  }

  /**
   * Reports what the X-Ray SDK's {@code end()} reports before it ends an entity that was already
   * emitted: its calls to {@code setEndTime} (when no end time was set) and {@code setInProgress}.
   */
  final void checkAlreadyEmittedOnEnd() {
    if (endTime < Double.MIN_NORMAL) {
      checkAlreadyEmitted();
    }
    checkAlreadyEmitted();
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getId() {
    return traceKitId();
  }

  @Override
  public void setId(String id) {
    checkAlreadyEmitted();
    setTraceKitId(id);
  }

  @Override
  public double getStartTime() {
    return startTime;
  }

  @Override
  public void setStartTime(double startTime) {
    checkAlreadyEmitted();
    this.startTime = startTime;
    setSpanStartNanos(XRayIds.secondsToNanos(startTime));
  }

  @Override
  public double getEndTime() {
    return endTime;
  }

  @Override
  public void setEndTime(double endTime) {
    checkAlreadyEmitted();
    this.endTime = endTime;
    setSpanEndNanos(XRayIds.secondsToNanos(endTime));
  }

  /**
   * Returns the time now in epoch nanoseconds for an entity of {@code segment}: from the clock a
   * recorded segment anchored when it began (see {@link SegmentImpl}), else from the wall clock (a
   * facade segment stands for a Lambda invocation, whose environment may be frozen between
   * invocations while the monotonic clock stands still).
   */
  static long nowIn(@Nullable Segment segment) {
    return segment instanceof SegmentImpl ? ((SegmentImpl) segment).nowEpochNanos() : AnchoredClock.wallNow();
  }

  /** Returns the time now in epoch nanoseconds, for this entity's end. */
  long nowEpochNanos() {
    return AnchoredClock.wallNow();
  }

  /** Marks the entity ended now, keeping nanosecond precision for the span. */
  void markEnded() {
    if (endTime == 0) {
      long nowNanos = nowEpochNanos();
      setSpanEndNanos(nowNanos);
      endTime = (nowNanos / 1_000_000L) / 1000.0;
    } else if (spanEndNanos() == 0) {
      setSpanEndNanos(XRayIds.secondsToNanos(endTime));
    }
    inProgress = false;
  }

  @Override
  public boolean isFault() {
    return fault;
  }

  @Override
  public void setFault(boolean fault) {
    checkAlreadyEmitted();
    this.fault = fault;
  }

  @Override
  public boolean isError() {
    return error;
  }

  @Override
  public void setError(boolean error) {
    checkAlreadyEmitted();
    this.error = error;
  }

  @Override
  public String getNamespace() {
    return namespace;
  }

  @Override
  public void setNamespace(String namespace) {
    checkAlreadyEmitted();
    this.namespace = namespace;
  }

  @Override
  public ReentrantLock getSubsegmentsLock() {
    ReentrantLock lock = subsegmentsLock;
    return lock != null ? lock : makeSubsegmentsLock();
  }

  private synchronized ReentrantLock makeSubsegmentsLock() {
    if (subsegmentsLock == null) {
      subsegmentsLock = new ReentrantLock();
    }
    return subsegmentsLock;
  }

  @Override
  public void setSubsegmentsLock(ReentrantLock subsegmentsLock) {
    checkAlreadyEmitted();
    this.subsegmentsLock = subsegmentsLock;
  }

  @Override
  public Cause getCause() {
    return dataForGetter().cause();
  }

  @Override
  public Map<String, Object> getHttp() {
    return dataForGetter().http();
  }

  @Override
  public void setHttp(Map<String, Object> http) {
    checkAlreadyEmitted();
    if (http != null) {
      data().setHttp(http);
    }
  }

  @Override
  public Map<String, Object> getAws() {
    return dataForGetter().aws();
  }

  @Override
  public void setAws(Map<String, Object> aws) {
    checkAlreadyEmitted();
    if (aws != null) {
      data().setAws(aws);
    }
  }

  @Override
  public Map<String, Object> getSql() {
    return dataForGetter().sql();
  }

  @Override
  public void setSql(Map<String, Object> sql) {
    checkAlreadyEmitted();
    if (sql != null) {
      data().setSql(sql);
    }
  }

  @Override
  public Map<String, Map<String, Object>> getMetadata() {
    return dataForGetter().metadata();
  }

  @Override
  public void setMetadata(Map<String, Map<String, Object>> metadata) {
    checkAlreadyEmitted();
    if (metadata != null) {
      data().setMetadata(metadata);
    }
  }

  @Override
  public Map<String, Object> getAnnotations() {
    return dataForGetter().annotations();
  }

  @Override
  public void setAnnotations(Map<String, Object> annotations) {
    checkAlreadyEmitted();
    if (annotations != null) {
      data().setAnnotations(annotations);
    }
  }

  @Override
  public Entity getParent() {
    return parent;
  }

  @Override
  public void setParent(Entity parent) {
    checkAlreadyEmitted();
    this.parent = parent;
  }

  @Override
  public AWSXRayRecorder getCreator() {
    return creator;
  }

  @Override
  public void setCreator(AWSXRayRecorder creator) {
    checkAlreadyEmitted();
    this.creator = creator;
  }

  @Override
  public boolean isThrottle() {
    return throttle;
  }

  @Override
  public void setThrottle(boolean throttle) {
    checkAlreadyEmitted();
    this.throttle = throttle;
  }

  @Override
  public boolean isInProgress() {
    return inProgress;
  }

  @Override
  public void setInProgress(boolean inProgress) {
    checkAlreadyEmitted();
    this.inProgress = inProgress;
  }

  @Override
  public TraceID getTraceId() {
    return traceId;
  }

  @Override
  public void setTraceId(TraceID traceId) {
    checkAlreadyEmitted();
    this.traceId = traceId;
  }

  @Override
  public String getParentId() {
    return parentId;
  }

  @Override
  public void setParentId(String parentId) {
    checkAlreadyEmitted();
    this.parentId = parentId;
  }

  @Override
  public abstract Segment getParentSegment();

  @Override
  public List<Subsegment> getSubsegments() {
    List<Subsegment> list = subsegments;
    return list != null ? list : makeSubsegments();
  }

  private synchronized List<Subsegment> makeSubsegments() {
    if (subsegments == null) {
      subsegments = new ArrayList<>();
    }
    return subsegments;
  }

  @Override
  public List<Subsegment> getSubsegmentsCopy() {
    if (subsegments == null) {
      // Nothing was ever added (an add makes the list under the lock): no lock to make either.
      return new ArrayList<>();
    }
    ReentrantLock lock = getSubsegmentsLock();
    lock.lock();
    try {
      List<Subsegment> list = subsegments;
      return list == null ? new ArrayList<>() : new ArrayList<>(list);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void addSubsegment(Subsegment subsegment) {
    checkAlreadyEmitted();
    if (subsegment == null) {
      return;
    }
    ReentrantLock lock = getSubsegmentsLock();
    lock.lock();
    try {
      getSubsegments().add(subsegment);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void removeSubsegment(Subsegment subsegment) {
    ReentrantLock lock = getSubsegmentsLock();
    lock.lock();
    try {
      List<Subsegment> list = subsegments;
      if (list != null) {
        list.remove(subsegment);
      }
    } finally {
      lock.unlock();
    }
    Segment segment = getParentSegment();
    if (segment != null) {
      segment.getTotalSize().decrement();
    }
  }

  @Override
  public void addException(Throwable exception) {
    checkAlreadyEmitted();
    if (exception == null) {
      return;
    }
    setFault(true);
    AWSXRayRecorder recorder = creator;
    if (recorder == null) {
      return;
    }
    ReentrantLock lock = getSubsegmentsLock();
    lock.lock();
    try {
      List<ThrowableDescription> descriptions =
          recorder
              .getThrowableSerializationStrategy()
              .describeInContext(this, exception, getSubsegmentsCopy());
      data().cause().addExceptions(descriptions);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void putHttp(String key, Object value) {
    checkAlreadyEmitted();
    if (key != null && value != null) {
      data().http().put(key, value);
    }
  }

  @Override
  public void putAllHttp(Map<String, Object> all) {
    checkAlreadyEmitted();
    if (all != null) {
      putAllNonNull(data().http(), all);
    }
  }

  @Override
  public void putAws(String key, Object value) {
    checkAlreadyEmitted();
    if (key != null && value != null) {
      data().aws().put(key, value);
    }
  }

  @Override
  public void putAllAws(Map<String, Object> all) {
    checkAlreadyEmitted();
    if (all != null) {
      putAllNonNull(data().aws(), all);
    }
  }

  @Override
  public void putSql(String key, Object value) {
    checkAlreadyEmitted();
    if (key != null && value != null) {
      data().sql().put(key, value);
    }
  }

  @Override
  public void putAllSql(Map<String, Object> all) {
    checkAlreadyEmitted();
    if (all != null) {
      putAllNonNull(data().sql(), all);
    }
  }

  @Override
  public void putAnnotation(String key, String value) {
    putAnnotationValue(key, value);
  }

  @Override
  public void putAnnotation(String key, Number value) {
    putAnnotationValue(key, value);
  }

  @Override
  public void putAnnotation(String key, Boolean value) {
    putAnnotationValue(key, value);
  }

  private void putAnnotationValue(@Nullable String key, @Nullable Object value) {
    checkAlreadyEmitted();
    if (key != null && value != null) {
      data().annotations().put(key, value);
    }
  }

  @Override
  public void putMetadata(String key, Object object) {
    // Reported here and again by the call below, as the X-Ray SDK does.
    checkAlreadyEmitted();
    putMetadata(DEFAULT_METADATA_NAMESPACE, key, object);
  }

  @Override
  public void putMetadata(String namespace, String key, Object object) {
    checkAlreadyEmitted();
    if (namespace == null || key == null) {
      return;
    }
    Map<String, Object> values = data().metadata(namespace);
    if (object == null) {
      // The X-Ray SDK keeps null metadata values; a concurrent map cannot, so the key is dropped.
      values.remove(key);
    } else {
      values.put(key, object);
    }
  }

  private static void putAllNonNull(Map<String, Object> target, Map<String, Object> all) {
    for (Map.Entry<String, Object> e : all.entrySet()) {
      if (e.getKey() != null && e.getValue() != null) {
        target.put(e.getKey(), e.getValue());
      }
    }
  }

  @Override
  public void incrementReferenceCount() {
    checkAlreadyEmitted();
    referenceCount.increment();
    totalSize.increment();
  }

  @Override
  public boolean decrementReferenceCount() {
    checkAlreadyEmitted();
    referenceCount.decrement();
    return !isInProgress() && referenceCount.intValue() <= 0;
  }

  @Override
  public int getReferenceCount() {
    return referenceCount.intValue();
  }

  @Override
  public LongAdder getTotalSize() {
    return totalSize;
  }

  @Override
  public boolean isEmitted() {
    return emitted != 0;
  }

  @Override
  public void setEmitted(boolean emitted) {
    checkAlreadyEmitted();
    this.emitted = emitted ? 1 : 0;
  }

  @Override
  public boolean compareAndSetEmitted(boolean current, boolean next) {
    checkAlreadyEmitted();
    return EMITTED.compareAndSet(this, current ? 1 : 0, next ? 1 : 0);
  }

  @Override
  public String serialize() {
    return EntityDocuments.serialize(this, false);
  }

  @Override
  public String prettySerialize() {
    return EntityDocuments.serialize(this, true);
  }

  /**
   * Throws a {@link NullPointerException} when {@code object} is null. Kept for compatibility with
   * code that calls it; this implementation itself ignores null input instead.
   */
  public static void validateNotNull(Object object) {
    if (object == null) {
      throw new NullPointerException();
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{name=" + name + ", id=" + getId() + ", traceId=" + traceId + '}';
  }

  @Nullable
  private static ObjectMapper sharedMapper() {
    try {
      return EntityDocuments.mapper();
    } catch (LinkageError e) {
      // A Jackson that cannot link must not stop entities from being made.
      AppJackson.unusable(e);
      return null;
    }
  }
}

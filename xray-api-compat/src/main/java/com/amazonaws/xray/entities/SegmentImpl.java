package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.core.internal.AnchoredClock;
import dev.tracekit.compat.xray.EntityData;
import dev.tracekit.compat.xray.EntitySpans;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * A recorded segment. It carries the recorder's runtime context (the {@code aws} and {@code service}
 * maps, origin) from the start, and becomes a SERVER span, exported when it ends.
 */
public class SegmentImpl extends EntityImpl implements Segment {
  @Nullable protected String resourceArn;
  @Nullable protected String user;
  @Nullable protected String origin;
  protected Map<String, Object> service;
  private volatile boolean sampled = true;
  // The wall clock read once, when the segment began, less System.nanoTime() then: the segment and
  // its subsegments measure their times from here, as OpenTelemetry's spans do from their root's,
  // so their durations are monotonic. A nanoTime read is also cheaper than Instant.now() (24 ns
  // against 33 ns here, JDK 17): 7 of the 8 reads of a segment with 3 subsegments.
  private final long clockAnchor;

  /** Starts a segment named {@code name} in a new trace. */
  public SegmentImpl(AWSXRayRecorder creator, String name) {
    this(creator, name, TraceID.create(creator));
  }

  /** Starts a segment named {@code name} in trace {@code traceId}. */
  public SegmentImpl(AWSXRayRecorder creator, String name, TraceID traceId) {
    super(creator, name);
    clockAnchor = AnchoredClock.anchorAt(spanStartNanos());
    setTraceId(traceId == null ? TraceID.create(creator) : traceId);
    // As X-Ray's: the recorder's aws and service maps and origin come with beginSegment, not here.
    service = EntityData.newMap();
  }

  /**
   * Ends this segment and exports its span (once, however often it is ended); returns true when no
   * subsegment is still open, so that it can be sent, and marks it emitted then. Ending it again
   * once emitted is reported as the X-Ray SDK does (the context-missing strategy gets an {@link
   * com.amazonaws.xray.exceptions.AlreadyEmittedException}).
   */
  @Override
  public boolean end() {
    checkAlreadyEmittedOnEnd();
    if (isInProgress()) {
      markEnded();
      EntitySpans.onEnd(this);
    }
    boolean canBeSent = getReferenceCount() <= 0;
    if (canBeSent) {
      checkAlreadyEmitted();
      setEmitted(true);
    }
    return canBeSent;
  }

  /** Returns the time now, in epoch nanoseconds, from the wall-clock reading taken at the start. */
  @Override
  long nowEpochNanos() {
    return AnchoredClock.nowFromAnchor(clockAnchor);
  }

  @Override
  public boolean isRecording() {
    return true;
  }

  @Override
  public boolean isSampled() {
    return sampled;
  }

  @Override
  public void setSampled(boolean sampled) {
    checkAlreadyEmitted();
    this.sampled = sampled;
  }

  @Override
  public String getResourceArn() {
    return resourceArn;
  }

  @Override
  public void setResourceArn(String resourceArn) {
    checkAlreadyEmitted();
    this.resourceArn = resourceArn;
  }

  @Override
  public String getUser() {
    return user;
  }

  @Override
  public void setUser(String user) {
    checkAlreadyEmitted();
    this.user = user;
  }

  @Override
  public String getOrigin() {
    return origin;
  }

  @Override
  public void setOrigin(String origin) {
    checkAlreadyEmitted();
    this.origin = origin;
  }

  @Override
  public Map<String, Object> getService() {
    return service;
  }

  @Override
  public void setService(Map<String, Object> service) {
    checkAlreadyEmitted();
    if (service != null) {
      this.service = service;
    }
  }

  @Override
  public void putService(String key, Object object) {
    checkAlreadyEmitted();
    if (key != null && object != null) {
      service.put(key, object);
    }
  }

  @Override
  public void putAllService(Map<String, Object> all) {
    checkAlreadyEmitted();
    if (all != null) {
      for (Map.Entry<String, Object> e : all.entrySet()) {
        putService(e.getKey(), e.getValue());
      }
    }
  }

  @Override
  public void setRuleName(String ruleName) {
    checkAlreadyEmitted();
    if (ruleName == null) {
      return;
    }
    Object xray = getAws().get("xray");
    if (xray instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> xrayMap = (Map<String, Object>) xray;
      Map<String, Object> copy = new ConcurrentHashMap<>(xrayMap);
      copy.put("rule_name", ruleName);
      putAws("xray", copy);
    }
  }

  @Override
  public Segment getParentSegment() {
    return this;
  }

  /** Ends this segment through its recorder, which also sends it. */
  @Override
  public void close() {
    AWSXRayRecorder recorder = getCreator();
    if (recorder != null) {
      recorder.endSegment();
    } else {
      end();
    }
  }
}

package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.core.internal.AnchoredClock;
import java.util.Map;

/**
 * A segment that records nothing, as the X-Ray SDK's: {@code put*} and most setters are ignored,
 * its id, parent id, namespace, user and resource ARN are empty strings, it is neither sampled nor
 * in progress, and it is its own parent. Like X-Ray's, it keeps a trace id, a name, its start and
 * end times (start: when created), origin, fault, error and throttle flags as set, and what is
 * written directly into its maps (see {@link DummyEntity}). Nothing is exported for it.
 * Thread-safe.
 */
@Deprecated
public class DummySegment extends DummyEntity implements Segment {
  private final String name;
  private volatile double startTime;
  private volatile double endTime;
  private volatile String origin = "";
  private volatile boolean fault;
  private volatile boolean error;
  private volatile boolean throttle;

  /** A dummy segment named {@code name} in trace {@code traceId} (a new one when null). */
  public DummySegment(AWSXRayRecorder creator, String name, TraceID traceId) {
    super(creator, traceId);
    this.name = name == null ? "" : name;
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
    return (AnchoredClock.wallNow() / 1_000_000L) / 1000.0;
  }

  /** Returns false and changes nothing (not even the end time): a dummy is never sent. */
  @Override
  public boolean end() {
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
    return origin;
  }

  @Override
  public void setOrigin(String origin) {
    this.origin = origin;
  }

  @Override
  public Map<String, Object> getService() {
    return getAnnotations();
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
  public double getStartTime() {
    return startTime;
  }

  @Override
  public void setStartTime(double startTime) {
    this.startTime = startTime;
  }

  @Override
  public double getEndTime() {
    return endTime;
  }

  @Override
  public void setEndTime(double endTime) {
    this.endTime = endTime;
  }

  @Override
  public boolean isFault() {
    return fault;
  }

  @Override
  public void setFault(boolean fault) {
    this.fault = fault;
  }

  @Override
  public boolean isError() {
    return error;
  }

  @Override
  public void setError(boolean error) {
    this.error = error;
  }

  @Override
  public boolean isThrottle() {
    return throttle;
  }

  @Override
  public void setThrottle(boolean throttle) {
    this.throttle = throttle;
  }
}

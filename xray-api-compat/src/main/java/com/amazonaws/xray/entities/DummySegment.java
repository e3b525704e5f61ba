package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.xray.EntitySpans;
import java.util.Map;

/**
 * A segment that records nothing, as the X-Ray SDK's: every setter and {@code put*} is ignored, its
 * id, parent id, namespace, origin, user and resource ARN are empty strings, its maps and lists
 * empty, it is neither sampled nor in progress, and it is its own parent. It only carries a trace
 * id, a name and the times it was created and ended. Nothing is exported for it. Thread-safe.
 */
public class DummySegment extends DummyEntity implements Segment {
  private final String name;
  private final double startTime;
  private volatile double endTime;

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
  public double getStartTime() {
    return startTime;
  }

  @Override
  public double getEndTime() {
    return endTime;
  }
}

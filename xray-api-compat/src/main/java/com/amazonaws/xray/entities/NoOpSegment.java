package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import java.util.Map;

/**
 * The segment of a request that is not recorded: it keeps a trace id and an id so that context
 * still propagates (children and TraceKit spans under it are unsampled too), and ignores every
 * change. It costs next to nothing and exports nothing.
 */
public class NoOpSegment extends NoOpEntity implements Segment {
  private final TraceID traceId;

  NoOpSegment(TraceID traceId, AWSXRayRecorder creator) {
    super(creator);
    this.traceId = traceId == null ? TraceID.invalid() : traceId;
  }

  @Override
  public boolean end() {
    return false;
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public void setSampled(boolean value) {
  }

  @Override
  public String getResourceArn() {
    return "";
  }

  @Override
  public void setResourceArn(String value) {
  }

  @Override
  public String getUser() {
    return "";
  }

  @Override
  public void setUser(String value) {
  }

  @Override
  public String getOrigin() {
    return "";
  }

  @Override
  public void setOrigin(String value) {
  }

  @Override
  public Map<String, Object> getService() {
    return NoOpCollections.map();
  }

  @Override
  public void setService(Map<String, Object> value) {
  }

  /** Returns this segment, as the X-Ray SDK's no-op segment does. */
  @Override
  public Entity getParent() {
    return this;
  }

  @Override
  public void setParent(Entity value) {
  }

  @Override
  public TraceID getTraceId() {
    return traceId;
  }

  @Override
  public void putService(String key, Object value) {
  }

  @Override
  public void putAllService(Map<String, Object> value) {
  }

  @Override
  public void setRuleName(String value) {
  }

  @Override
  public Segment getParentSegment() {
    return this;
  }

  @Override
  public void close() {
    if (creator != null) {
      creator.endSegment();
    }
  }

}

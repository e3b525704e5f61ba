package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import java.util.Map;

/** The top-level entity of a service's work on a trace; it becomes a SERVER (root) span. */
public interface Segment extends Entity {

  /** Returns a segment that records nothing, for unsampled requests. */
  static Segment noOp(TraceID traceId, AWSXRayRecorder creator) {
    return new NoOpSegment(traceId, creator);
  }

  /** Ends the segment; returns true when it can be sent (no subsegment is still open). */
  boolean end();

  boolean isRecording();

  void setSampled(boolean sampled);

  String getResourceArn();

  void setResourceArn(String resourceArn);

  String getUser();

  void setUser(String user);

  String getOrigin();

  void setOrigin(String origin);

  Map<String, Object> getService();

  void setService(Map<String, Object> service);

  @Override
  Map<String, Object> getAnnotations();

  void putService(String key, Object object);

  void putAllService(Map<String, Object> all);

  void setRuleName(String name);

  @Override
  Segment getParentSegment();

  @Override
  void close();
}

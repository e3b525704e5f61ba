package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.internal.SamplingStrategyOverride;
import java.util.Set;

/** A unit of work within a segment; it becomes a child span, exported as soon as it ends. */
public interface Subsegment extends Entity {

  /** Returns a subsegment that records nothing, without a parent segment. */
  static Subsegment noOp(AWSXRayRecorder recorder) {
    return new NoOpSubSegment(Segment.noOp(TraceID.invalid(), recorder), recorder);
  }

  @Deprecated
  static Subsegment noOp(
      AWSXRayRecorder recorder, boolean shouldPropagate, SamplingStrategyOverride override) {
    return new NoOpSubSegment(
        Segment.noOp(TraceID.invalid(), recorder), recorder, shouldPropagate, override);
  }

  @Deprecated
  static Subsegment noOp(
      Segment parent, AWSXRayRecorder recorder, SamplingStrategyOverride override) {
    return new NoOpSubSegment(parent, recorder, true, override);
  }

  static Subsegment noOp(AWSXRayRecorder recorder, boolean shouldPropagate) {
    return new NoOpSubSegment(
        Segment.noOp(TraceID.invalid(), recorder),
        recorder,
        shouldPropagate,
        SamplingStrategyOverride.DISABLED);
  }

  static Subsegment noOp(Segment parent, AWSXRayRecorder recorder, String name) {
    return new NoOpSubSegment(parent, recorder);
  }

  static Subsegment noOp(Segment parent, AWSXRayRecorder recorder) {
    return new NoOpSubSegment(parent, recorder);
  }

  /** Ends the subsegment; returns true when its segment can now be sent. */
  boolean end();

  @Override
  String getNamespace();

  @Override
  void setNamespace(String namespace);

  @Override
  Segment getParentSegment();

  void setParentSegment(Segment parentSegment);

  Set<String> getPrecursorIds();

  void setPrecursorIds(Set<String> precursorIds);

  void addPrecursorId(String precursorId);

  /** Returns true when outgoing calls made inside it should carry the trace header. */
  boolean shouldPropagate();

  /** Returns the subsegment as a stand-alone document (with type, parent_id and trace_id). */
  String streamSerialize();

  String prettyStreamSerialize();

  @Override
  void close();

  boolean isRecording();

  void setSampledFalse();

  SamplingStrategyOverride getSamplingStrategyOverride();
}

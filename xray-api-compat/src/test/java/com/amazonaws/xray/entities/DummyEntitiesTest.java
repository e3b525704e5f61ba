package com.amazonaws.xray.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.internal.SamplingStrategyOverride;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DummyEntitiesTest {
  private static final TraceID TRACE_ID = TraceID.fromString("1-5759e988-bd862e3fe1be46a994272793");

  private final AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();

  @AfterEach
  void clear() {
    recorder.clearTraceEntity();
  }

  @Test
  void dummySegmentIgnoresPutsButKeepsWhatXRaysKeeps() {
    DummySegment segment = new DummySegment(recorder, "name", TRACE_ID);
    segment.putAnnotation("k", "v");
    segment.putMetadata("k", "v");
    segment.setFault(true);
    segment.setUser("user");
    segment.addException(new RuntimeException());
    segment.getAnnotations().put("direct", "write");

    assertThat(segment.getName()).isEqualTo("name");
    assertThat(segment.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(segment.getId()).isEmpty();
    assertThat(segment.getParentId()).isEmpty();
    assertThat(segment.getNamespace()).isEmpty();
    assertThat(segment.getUser()).isEmpty();
    assertThat(segment.getOrigin()).isEmpty();
    assertThat(segment.getResourceArn()).isEmpty();
    // As with X-Ray: put* is ignored, a direct write into a map is kept, in the one shared map.
    assertThat(segment.getAnnotations()).containsOnlyKeys("direct");
    assertThat(segment.getHttp()).isSameAs(segment.getAnnotations());
    assertThat(segment.getService()).isSameAs(segment.getAnnotations());
    assertThat(segment.getMetadata()).isEmpty();
    assertThat(segment.getSubsegments()).isEmpty();
    assertThat(segment.getCause().getExceptions()).isEmpty();
    assertThat(segment.isFault()).isTrue();
    assertThat(segment.isSampled()).isFalse();
    assertThat(segment.isRecording()).isFalse();
    assertThat(segment.isInProgress()).isFalse();
    assertThat(segment.getParent()).isSameAs(segment);
    assertThat(segment.getParentSegment()).isSameAs(segment);
    assertThat(segment.getCreator()).isSameAs(recorder);
    assertThat(segment.serialize()).isEmpty();
    assertThat(segment.getStartTime()).isPositive();
    assertThat(segment.getEndTime()).isZero();

    assertThat(segment.end()).isFalse();
    assertThat(segment.getEndTime()).isZero();
    segment.setEndTime(2.5);
    assertThat(segment.getEndTime()).isEqualTo(2.5);
  }

  @Test
  void dummySegmentConstructorsGiveATraceId() {
    assertThat(new DummySegment(recorder).getTraceId()).isNotNull();
    assertThat(new DummySegment(recorder).getName()).isEmpty();
    assertThat(new DummySegment(recorder, TRACE_ID).getTraceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void dummySubsegmentRecordsNothingAndDoesNotPropagate() {
    DummySubsegment subsegment = new DummySubsegment(recorder, TRACE_ID);
    subsegment.putAnnotation("k", 1);
    subsegment.addPrecursorId("abc");
    subsegment.setPrecursorIds(Collections.singleton("def"));

    assertThat(subsegment.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(subsegment.getName()).isEmpty();
    assertThat(subsegment.getId()).isEmpty();
    assertThat(subsegment.getParentId()).isEmpty();
    assertThat(subsegment.getNamespace()).isEmpty();
    assertThat(subsegment.getStartTime()).isZero();
    assertThat(subsegment.end()).isFalse();
    assertThat(subsegment.getEndTime()).isZero();
    assertThat(subsegment.getAnnotations()).isEmpty();
    assertThat(subsegment.getPrecursorIds()).isEmpty();
    assertThat(subsegment.shouldPropagate()).isFalse();
    assertThat(subsegment.isSampled()).isFalse();
    assertThat(subsegment.isRecording()).isFalse();
    assertThat(subsegment.getParent()).isSameAs(subsegment);
    assertThat(subsegment.getParentSegment()).isInstanceOf(DummySegment.class);
    assertThat(subsegment.streamSerialize()).isEmpty();
    assertThat(subsegment.getSamplingStrategyOverride()).isEqualTo(SamplingStrategyOverride.DISABLED);
    assertThat(new DummySubsegment(recorder, TRACE_ID, SamplingStrategyOverride.FALSE).getSamplingStrategyOverride())
        .isEqualTo(SamplingStrategyOverride.FALSE);
    assertThat(new DummySubsegment(recorder).getTraceId()).isNotNull();
  }

  @Test
  void closingADummyLeavesTheContextAlone() {
    Segment segment = recorder.beginSegment("real");
    Subsegment subsegment = recorder.beginSubsegment("sub");

    new DummySubsegment(recorder).close();
    new DummySegment(recorder).close();

    assertThat(recorder.getTraceEntity()).isSameAs(subsegment);
    assertThat(segment.isInProgress()).isTrue();
    recorder.endSubsegment();
    recorder.endSegment();
  }
}

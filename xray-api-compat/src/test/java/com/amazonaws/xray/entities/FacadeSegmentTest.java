package com.amazonaws.xray.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FacadeSegmentTest {
  private static final TraceID TRACE_ID = TraceID.fromString("1-5759e988-bd862e3fe1be46a994272793");
  private static final String PARENT_ID = "53995c3f42cd8ad8";

  private final AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();
  // Not sampled: these tests must not leave an invocation behind for the Lambda tests.
  private final FacadeSegment facade =
      new FacadeSegment(recorder, TRACE_ID, PARENT_ID, TraceHeader.SampleDecision.NOT_SAMPLED);

  @Test
  void carriesTheHeaderIdsAsTheXraySdkDoes() {
    assertThat(facade.getId()).isEqualTo(PARENT_ID);
    assertThat(facade.getParentId()).isNull();
    assertThat(facade.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(facade.getName()).isEqualTo("facade");
    assertThat(facade.isInProgress()).isTrue();
    assertThat(facade.isRecording()).isTrue();
    assertThat(facade.getStartTime()).isPositive();
    assertThat(facade.getEndTime()).isZero();
    assertThat(facade.getParentSegment()).isSameAs(facade);
    assertThat(facade.getParent()).isNull();
    assertThat(facade.getCreator()).isSameAs(recorder);
    assertThat(facade.getAnnotations()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TraceHeader.SampleDecision.class)
  void isSampledOnlyWhenTheHeaderSaysSo(TraceHeader.SampleDecision decision) {
    FacadeSegment segment = new FacadeSegment(recorder, TRACE_ID, Entity.generateId(), decision);
    assertThat(segment.isSampled()).isEqualTo(decision == TraceHeader.SampleDecision.SAMPLED);
  }

  @Test
  void withoutAParentIdGetsARandomId() {
    FacadeSegment segment =
        new FacadeSegment(recorder, null, null, TraceHeader.SampleDecision.NOT_SAMPLED);
    assertThat(segment.getId()).matches("[0-9a-f]{16}");
    assertThat(segment.getTraceId()).isNull();
  }

  @Test
  void everyMutatorThrowsUnsupportedOperation() {
    Map<String, Object> map = new HashMap<>();
    Map<String, ThrowingCallable> mutators = new LinkedHashMap<>();
    mutators.put("close", facade::close);
    mutators.put("end", facade::end);
    mutators.put("setId", () -> facade.setId("x"));
    mutators.put("setStartTime", () -> facade.setStartTime(1));
    mutators.put("setEndTime", () -> facade.setEndTime(1));
    mutators.put("setFault", () -> facade.setFault(true));
    mutators.put("setError", () -> facade.setError(true));
    mutators.put("setThrottle", () -> facade.setThrottle(true));
    mutators.put("setNamespace", () -> facade.setNamespace("remote"));
    mutators.put("setHttp", () -> facade.setHttp(map));
    mutators.put("setAws", () -> facade.setAws(map));
    mutators.put("setSql", () -> facade.setSql(map));
    mutators.put("setMetadata", () -> facade.setMetadata(Collections.emptyMap()));
    mutators.put("setAnnotations", () -> facade.setAnnotations(map));
    mutators.put("setParent", () -> facade.setParent(null));
    mutators.put("setCreator", () -> facade.setCreator(recorder));
    mutators.put("setInProgress", () -> facade.setInProgress(false));
    mutators.put("setTraceId", () -> facade.setTraceId(TraceID.create()));
    mutators.put("setParentId", () -> facade.setParentId("x"));
    mutators.put("addException", () -> facade.addException(new RuntimeException()));
    mutators.put("putHttp", () -> facade.putHttp("k", "v"));
    mutators.put("putAllHttp", () -> facade.putAllHttp(map));
    mutators.put("putAws", () -> facade.putAws("k", "v"));
    mutators.put("putAllAws", () -> facade.putAllAws(map));
    mutators.put("putSql", () -> facade.putSql("k", "v"));
    mutators.put("putAllSql", () -> facade.putAllSql(map));
    mutators.put("putAnnotation(String)", () -> facade.putAnnotation("k", "v"));
    mutators.put("putAnnotation(Number)", () -> facade.putAnnotation("k", 1));
    mutators.put("putAnnotation(Boolean)", () -> facade.putAnnotation("k", true));
    mutators.put("putMetadata", () -> facade.putMetadata("k", "v"));
    mutators.put("putMetadata(namespace)", () -> facade.putMetadata("ns", "k", "v"));
    mutators.put("putService", () -> facade.putService("k", "v"));
    mutators.put("putAllService", () -> facade.putAllService(map));
    mutators.put("setService", () -> facade.setService(map));
    mutators.put("setRuleName", () -> facade.setRuleName("rule"));
    mutators.put("setSampled", () -> facade.setSampled(true));
    mutators.put("setResourceArn", () -> facade.setResourceArn("arn"));
    mutators.put("setUser", () -> facade.setUser("u"));
    mutators.put("setOrigin", () -> facade.setOrigin("AWS::Lambda"));
    for (Map.Entry<String, ThrowingCallable> mutator : mutators.entrySet()) {
      assertThatThrownBy(mutator.getValue())
          .as(mutator.getKey())
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessage("FacadeSegments cannot be mutated.");
    }
    assertThat(facade.getId()).isEqualTo(PARENT_ID);
    assertThat(facade.isFault()).isFalse();
  }

  @Test
  void whatOnlyLambdaKnowsIsUnavailable() {
    List<ThrowingCallable> getters =
        Arrays.asList(facade::getResourceArn, facade::getUser, facade::getOrigin, facade::getService);
    for (ThrowingCallable getter : getters) {
      assertThatThrownBy(getter)
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessage("This information is unavailable.");
    }
  }

  @Test
  void bookkeepingCallsStillWork() {
    Subsegment child = new SubsegmentImpl(recorder, "child", facade);
    facade.addSubsegment(child);
    assertThat(facade.getSubsegments()).containsExactly(child);
    assertThat(facade.getReferenceCount()).isEqualTo(1);
    assertThat(facade.decrementReferenceCount()).isFalse();
    assertThat(facade.getReferenceCount()).isZero();
    facade.setEmitted(true);
    assertThat(facade.isEmitted()).isTrue();
  }

  @Test
  void serializingDoesNotThrow() {
    assertThat(facade.serialize()).isEmpty();
    assertThat(facade.prettySerialize()).isEmpty();
  }
}

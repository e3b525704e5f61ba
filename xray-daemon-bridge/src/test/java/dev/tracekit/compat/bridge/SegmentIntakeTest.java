package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Received datagrams (the fixtures of the real Node.js and Python SDKs and the Go ones) through
 * {@link SegmentReceiver#handle} and {@link SegmentIntake} into a real tracer: how many spans, their
 * parents, kinds, traces and services; in-progress segments; what is not a segment.
 */
class SegmentIntakeTest {
  private static final String TRACE = "1-6b172440-8c3d1f0a9e2b4c6d7e8f9012";

  private final IntakeRig rig = new IntakeRig();

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void theGoSegmentBecomesNineSpansOfOneTreeOfItsService() {
    rig.send("go-segment.json");

    assertThat(rig.spans()).hasSize(9);
    SpanData segment = rig.span("go-checkout");
    assertThat(segment.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(segment.getParentSpanContext().isValid()).isFalse();
    assertThat(segment.getSpanContext().getSpanId()).isEqualTo("3f9c2a7d1e5b8046");
    assertThat(segment.getSpanContext().getTraceId()).isEqualTo("6b1724408c3d1f0a9e2b4c6d7e8f9012");
    assertParent("process-order", "go-checkout");
    assertParent("validate-cart", "process-order");
    assertParent("reserve-inventory", "process-order");
    assertParent("127.0.0.1:8081", "reserve-inventory");
    assertParent("connect", "127.0.0.1:8081");
    assertParent("dial", "connect");
    assertParent("request", "127.0.0.1:8081");
    assertParent("response", "127.0.0.1:8081");
    assertThat(rig.span("127.0.0.1:8081").getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(rig.span("process-order").getKind()).isEqualTo(SpanKind.INTERNAL);
    for (SpanData span : rig.spans()) {
      assertThat(span.getSpanContext().getTraceId()).isEqualTo(segment.getSpanContext().getTraceId());
      assertThat(IntakeRig.service(span)).isEqualTo("go-checkout");
      assertThat(span.getResource().getAttributes().get(dev.tracekit.compat.core.api.AttributeKey.stringKey("telemetry.sdk.language")))
          .isEqualTo("go");
    }
    assertThat(rig.counts.segments.sum()).isEqualTo(1);
    assertThat(rig.counts.malformedTotal()).isZero();
  }

  @Test
  void theGoStreamedSubsegmentLeavesAtOnceWithItsSegmentsServiceWhenItComesAfter() {
    rig.send("go-segment.json").send("go-subsegment-streamed.json");

    assertThat(rig.spans()).hasSize(12);
    SpanData streamed = rig.span("127.0.0.1:8082");
    assertThat(streamed.getParentSpanContext().getSpanId()).isEqualTo("2a6f8d4c0e1b7359");
    assertThat(streamed.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(IntakeRig.service(streamed)).isEqualTo("go-checkout");
    assertThat(rig.streamed.heldSpans()).isZero();
    assertThat(rig.counts.unknownService.sum()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"node", "python"})
  void theRealSdksSegmentsBecomeFiveSpansWithTheirParentsAndKinds(String sdk) {
    rig.send(sdk + "-segment.json");

    assertThat(rig.spans()).hasSize(5);
    SpanData segment = rig.span(sdk + "-checkout");
    assertThat(segment.getKind()).isEqualTo(SpanKind.SERVER);
    assertParent("process-order", sdk + "-checkout");
    assertParent("validate-cart", "process-order");
    assertParent("reserve-inventory", "process-order");
    SpanData client = remoteCall();
    assertThat(client.getParentSpanContext().getSpanId())
        .isEqualTo(rig.span("reserve-inventory").getSpanContext().getSpanId());
    assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
    for (SpanData span : rig.spans()) {
      assertThat(IntakeRig.service(span)).isEqualTo(sdk + "-checkout");
      assertThat(span.getSpanContext().getTraceId()).isEqualTo(segment.getSpanContext().getTraceId());
    }
  }

  @Test
  void nodeSubsegmentsStreamedBeforeTheirSegmentWaitForItThenLeaveWithItsService() {
    rig.send("node-streamed-1-validate-cart.json")
        .send("node-streamed-2-remote-http.json")
        .send("node-streamed-3-reserve-inventory.json");
    assertThat(rig.spans()).as("nothing leaves before the segment says whose it is").isEmpty();
    assertThat(rig.streamed.heldSpans()).isEqualTo(3);

    rig.send("node-streamed-4-segment.json");

    assertStreamedCheckout("node");
  }

  @Test
  void pythonSubsegmentsStreamedBeforeTheirSegmentWaitForItThenLeaveWithItsService() {
    rig.send("python-streamed-1-validate-cart.json")
        .send("python-streamed-2-remote-http.json")
        .send("python-streamed-3-reserve-inventory.json")
        .send("python-streamed-4-process-order.json");
    assertThat(rig.spans()).isEmpty();
    assertThat(rig.streamed.heldSpans()).isEqualTo(4);

    rig.send("python-streamed-5-segment.json");

    assertStreamedCheckout("python");
  }

  @Test
  void anInProgressSegmentIsNotExportedButNamesTheServiceOfItsStreamedSubsegments() {
    Map<String, Object> inProgress = IntakeRig.document("node-streamed-4-segment.json");
    inProgress.remove("end_time");
    inProgress.remove("subsegments");
    inProgress.put("in_progress", true);
    Map<String, Object> processOrder = IntakeRig.entity((String) inProgress.get("trace_id"), "9c6bfcd86fa8afbc", "process-order");
    processOrder.put("type", "subsegment");
    processOrder.put("parent_id", inProgress.get("id"));

    rig.send(inProgress);
    assertThat(rig.spans()).as("the in-progress segment is not a span").isEmpty();
    assertThat(rig.counts.inProgress.sum()).isEqualTo(1);

    rig.send(processOrder)
        .send("node-streamed-3-reserve-inventory.json")
        .send("node-streamed-2-remote-http.json")
        .send("node-streamed-1-validate-cart.json");
    assertThat(rig.spans()).hasSize(4);
    for (SpanData span : rig.spans()) {
      assertThat(IntakeRig.service(span)).as(span.getName()).isEqualTo("node-checkout");
    }
    assertThat(rig.streamed.heldSpans()).isZero();

    Map<String, Object> finished = IntakeRig.document("node-streamed-4-segment.json");
    finished.remove("subsegments");
    rig.send(finished);
    assertThat(rig.span("node-checkout").getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(rig.spans()).hasSize(5);
    assertThat(rig.counts.unknownService.sum()).isZero();
  }

  @Test
  void theAllZeroTraceIdGivesTheSegmentsSpansOneValidTraceOfTheirOwn() {
    Map<String, Object> segment = IntakeRig.document("node-segment.json");
    segment.put("trace_id", "1-00000000-000000000000000000000000");

    rig.send(segment);

    assertThat(rig.spans()).hasSize(5);
    String trace = rig.span("node-checkout").getSpanContext().getTraceId();
    assertThat(trace).isEqualTo("0000000000000000" + "7093fc61e8214347");
    for (SpanData span : rig.spans()) {
      assertThat(span.getSpanContext().isValid()).isTrue();
      assertThat(span.getSpanContext().getTraceId()).isEqualTo(trace);
    }
    assertParent("process-order", "node-checkout");
  }

  @Test
  void aSubsegmentStreamedInTheAllZeroTraceJoinsItsSegmentsTrace() {
    Map<String, Object> segment = IntakeRig.document("go-segment.json");
    segment.put("trace_id", "1-00000000-000000000000000000000000");
    Map<String, Object> streamed = IntakeRig.document("go-subsegment-streamed.json");
    streamed.put("trace_id", "1-00000000-000000000000000000000000");

    rig.send(segment).send(streamed);

    assertThat(rig.spans()).hasSize(12);
    String trace = rig.span("go-checkout").getSpanContext().getTraceId();
    for (SpanData span : rig.spans()) {
      assertThat(span.getSpanContext().isValid()).as(span.getName()).isTrue();
      assertThat(span.getSpanContext().getTraceId()).as(span.getName()).isEqualTo(trace);
    }
    assertThat(rig.span("127.0.0.1:8082").getParentSpanContext().getSpanId()).isEqualTo("2a6f8d4c0e1b7359");
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "id", "start_time", "trace_id"})
  void aSegmentWithoutARequiredFieldIsNotASegmentAndNothingElseIsLost(String field) {
    Map<String, Object> bad = IntakeRig.document("go-segment.json");
    bad.remove(field);

    rig.send(bad).send("node-segment.json");

    assertThat(rig.counts.malformedCount(Malformed.NOT_A_SEGMENT)).isEqualTo(1);
    assertThat(rig.counts.malformedTotal()).isEqualTo(1);
    assertThat(rig.spans()).hasSize(5);
    assertThat(rig.span("node-checkout")).isNotNull();
    assertThat(rig.counts.datagrams.sum()).isEqualTo(2);
  }

  @Test
  void fieldsOfTheWrongTypeOrABadIdAreNotASegment() {
    List<Map<String, Object>> bad = new ArrayList<>();
    for (Object[] change :
        Arrays.asList(
            new Object[] {"name", ""},
            new Object[] {"name", 42},
            new Object[] {"id", 7},
            new Object[] {"start_time", "yesterday"},
            new Object[] {"trace_id", "1-6b172440-8c3d1f0a9e2b4c6d7e8f901"},
            new Object[] {"trace_id", "2-6b172440-8c3d1f0a9e2b4c6d7e8f9012"},
            new Object[] {"trace_id", "1-6b172440-8c3d1f0a9e2b4c6d7e8f901z"})) {
      Map<String, Object> document = IntakeRig.document("go-segment.json");
      document.put((String) change[0], change[1]);
      bad.add(document);
    }
    Map<String, Object> orphan = IntakeRig.document("go-subsegment-streamed.json");
    orphan.remove("parent_id");
    bad.add(orphan);

    for (Map<String, Object> document : bad) {
      rig.send(document);
    }
    rig.send("python-segment.json");

    assertThat(rig.counts.malformedCount(Malformed.NOT_A_SEGMENT)).isEqualTo(bad.size());
    assertThat(rig.spans()).hasSize(5);
    assertThat(rig.streamed.heldSpans()).isZero();
  }

  @Test
  void nestedSubsegmentsThatAreNotEntitiesAreSkippedAndTheRestKept() {
    Map<String, Object> segment = IntakeRig.entity(TRACE, "3f9c2a7d1e5b8046", "go-checkout");
    Map<String, Object> good = IntakeRig.entity(TRACE, "2a6f8d4c0e1b7359", "process-order");
    good.remove("trace_id");
    segment.put("subsegments", Arrays.asList(good, Collections.singletonMap("name", "no-id"), "text", 5));

    rig.send(segment);

    assertThat(rig.spans()).extracting(SpanData::getName).containsExactlyInAnyOrder("go-checkout", "process-order");
    assertThat(rig.counts.skippedSubsegments.sum()).isEqualTo(3);
    assertThat(rig.counts.malformedTotal()).isZero();
  }

  private void assertStreamedCheckout(String sdk) {
    assertThat(rig.spans()).hasSize(5);
    assertParent("process-order", sdk + "-checkout");
    assertParent("validate-cart", "process-order");
    assertParent("reserve-inventory", "process-order");
    assertThat(remoteCall().getParentSpanContext().getSpanId())
        .isEqualTo(rig.span("reserve-inventory").getSpanContext().getSpanId());
    String trace = rig.span(sdk + "-checkout").getSpanContext().getTraceId();
    for (SpanData span : rig.spans()) {
      assertThat(IntakeRig.service(span)).as(span.getName()).isEqualTo(sdk + "-checkout");
      assertThat(span.getSpanContext().getTraceId()).isEqualTo(trace);
    }
    assertThat(rig.streamed.heldSpans()).isZero();
    assertThat(rig.counts.unknownService.sum()).isZero();
  }

  private SpanData remoteCall() {
    List<SpanData> remote = new ArrayList<>();
    for (SpanData span : rig.spans()) {
      if (span.getName().startsWith("127.0.0.1") || span.getName().startsWith("http://")) {
        remote.add(span);
      }
    }
    assertThat(remote).hasSize(1);
    return remote.get(0);
  }

  private void assertParent(String child, String parent) {
    assertThat(rig.span(child).getParentSpanContext().getSpanId())
        .as("parent of %s", child)
        .isEqualTo(rig.span(parent).getSpanContext().getSpanId());
  }
}

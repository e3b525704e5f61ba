package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.trace.SpanData;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Subsegments sent on their own wait for a document of their segment to name an ancestor, and
 * leave with its service; or leave as unknown_service after the hold time (given in nanoseconds,
 * with the times of arrival and expiry passed explicitly) or when the count bound is reached.
 */
class StreamedSubsegmentsTest {
  private static final long HOLD = 1_000;
  private static final String TRACE = "1-6b172440-8c3d1f0a9e2b4c6d7e8f9012";
  private static final String SEGMENT_ID = "3f9c2a7d1e5b8046";

  private final IntakeRig rig = new IntakeRig(HOLD);

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void aSubsegmentWaitsForItsParentSegmentAndLeavesWithItsResource() {
    accept(IntakeRig.streamedSubsegment(TRACE, "1111111111111111", "audit", SEGMENT_ID), 0);
    assertThat(rig.spans()).isEmpty();
    assertThat(rig.streamed.heldSpans()).isEqualTo(1);
    assertThat(rig.counts.heldSubsegments.sum()).isEqualTo(1);

    accept(segment(), 10);

    SpanData audit = rig.span("audit");
    SpanData segment = rig.span("go-checkout");
    assertThat(audit.getResource()).isSameAs(segment.getResource());
    assertThat(IntakeRig.service(audit)).isEqualTo("go-checkout");
    assertThat(audit.getParentSpanContext().getSpanId()).isEqualTo(SEGMENT_ID);
    assertThat(rig.streamed.heldSpans()).isZero();
    assertThat(rig.counts.unknownService.sum()).isZero();
  }

  @Test
  void aParentNestedInTheSegmentReleasesItsChildren() {
    accept(IntakeRig.document("node-streamed-1-validate-cart.json"), 0);
    assertThat(rig.spans()).isEmpty();

    accept(IntakeRig.document("node-streamed-4-segment.json"), 1);

    assertThat(IntakeRig.service(rig.span("validate-cart"))).isEqualTo("node-checkout");
    assertThat(rig.span("validate-cart").getResource()).isSameAs(rig.span("node-checkout").getResource());
    assertThat(rig.span("validate-cart").getParentSpanContext().getSpanId())
        .isEqualTo(rig.span("process-order").getSpanContext().getSpanId());
  }

  @Test
  void aGrandParentThroughAnotherStreamedSubsegmentReleasesBoth() {
    // The child first, then its parent, both waiting; the segment names the grand-parent only.
    accept(IntakeRig.streamedSubsegment(TRACE, "2222222222222222", "child", "1111111111111111"), 0);
    accept(IntakeRig.streamedSubsegment(TRACE, "1111111111111111", "parent", SEGMENT_ID), 1);
    assertThat(rig.streamed.heldSpans()).isEqualTo(2);

    accept(segment(), 2);

    assertThat(rig.spans()).hasSize(4); // and the segment's two
    assertThat(IntakeRig.service(rig.span("child"))).isEqualTo("go-checkout");
    assertThat(IntakeRig.service(rig.span("parent"))).isEqualTo("go-checkout");
    assertThat(rig.streamed.heldSpans()).isZero();
  }

  @Test
  void theRealNodeChainOfStreamedSubsegmentsLeavesWhole() {
    accept(IntakeRig.document("node-streamed-2-remote-http.json"), 0); // its parent is streamed too
    accept(IntakeRig.document("node-streamed-3-reserve-inventory.json"), 1);

    accept(IntakeRig.document("node-streamed-4-segment.json"), 2);

    assertThat(rig.spans()).hasSize(4);
    for (SpanData span : rig.spans()) {
      assertThat(IntakeRig.service(span)).as(span.getName()).isEqualTo("node-checkout");
    }
  }

  @Test
  void aSegmentOfAnotherTraceReleasesNothing() {
    accept(IntakeRig.streamedSubsegment(TRACE, "1111111111111111", "audit", SEGMENT_ID), 0);

    Map<String, Object> other = IntakeRig.entity("1-6b172440-000000000000000000000001", SEGMENT_ID, "other");
    accept(other, 1);

    assertThat(rig.spans()).extracting(SpanData::getName).containsExactly("other");
    assertThat(rig.streamed.heldSpans()).isEqualTo(1);
  }

  @Test
  void afterTheHoldTimeASubsegmentLeavesAsUnknownServiceAndIsCounted() {
    Map<String, Object> audit = IntakeRig.streamedSubsegment(TRACE, "1111111111111111", "audit", SEGMENT_ID);
    audit.put("subsegments", java.util.Collections.singletonList(IntakeRig.entity(TRACE, "4444444444444444", "request")));
    accept(audit, 5_000);

    rig.streamed.expire(5_000 + HOLD);
    assertThat(rig.spans()).as("not before the hold time is over").isEmpty();

    rig.streamed.expire(5_000 + HOLD + 1);
    assertThat(rig.spans()).hasSize(2);
    for (SpanData span : rig.spans()) {
      assertThat(IntakeRig.service(span)).isEqualTo(ServiceResources.UNKNOWN_SERVICE);
      assertThat(span.getResource()).isSameAs(rig.resources.unknown());
    }
    assertThat(rig.counts.unknownService.sum()).isEqualTo(2);
    assertThat(rig.streamed.heldSpans()).isZero();

    accept(segment(), 5_000 + HOLD + 2);
    assertThat(rig.spans()).as("the late segment's two, and no span twice").hasSize(4);
  }

  @Test
  void onlyWhatHasWaitedLongerThanTheHoldTimeLeaves() {
    accept(IntakeRig.streamedSubsegment(TRACE, "1111111111111111", "old", SEGMENT_ID), 0);
    accept(IntakeRig.streamedSubsegment(TRACE, "2222222222222222", "new", SEGMENT_ID), HOLD);

    rig.streamed.expire(HOLD + 1);

    assertThat(rig.spans()).extracting(SpanData::getName).containsExactly("old");
    assertThat(rig.streamed.heldSpans()).isEqualTo(1);

    accept(segment(), HOLD + 2);
    assertThat(IntakeRig.service(rig.span("new"))).isEqualTo("go-checkout");
  }

  @Test
  void aGroupReleasedByItsSegmentIsNotReleasedAgainWhenItsTimeComes() {
    accept(IntakeRig.streamedSubsegment(TRACE, "1111111111111111", "first", "9999999999999999"), 0);
    accept(IntakeRig.streamedSubsegment(TRACE, "2222222222222222", "second", SEGMENT_ID), 1);
    accept(segment(), 2); // releases "second", which is not at the head of the age queue

    rig.streamed.expire(10 * HOLD);

    assertThat(rig.spans()).extracting(SpanData::getName)
        .containsExactlyInAnyOrder("go-checkout", "handler", "second", "first");
    assertThat(IntakeRig.service(rig.span("second"))).isEqualTo("go-checkout");
    assertThat(IntakeRig.service(rig.span("first"))).isEqualTo(ServiceResources.UNKNOWN_SERVICE);
    assertThat(rig.counts.unknownService.sum()).isEqualTo(1);
  }

  @Test
  void theCountBoundReleasesTheOldestAsUnknownService() {
    for (int i = 0; i < StreamedSubsegments.MAX_HELD_SPANS; i++) {
      accept(IntakeRig.streamedSubsegment(trace(i), id(i + 1), "held-" + i, id(1_000_000 + i)), i);
    }
    assertThat(rig.spans()).isEmpty();
    assertThat(rig.streamed.heldSpans()).isEqualTo(StreamedSubsegments.MAX_HELD_SPANS);

    int last = StreamedSubsegments.MAX_HELD_SPANS;
    accept(IntakeRig.streamedSubsegment(trace(last), id(last + 1), "held-" + last, id(1_000_000 + last)), last);

    assertThat(rig.spans()).extracting(SpanData::getName).containsExactly("held-0");
    assertThat(IntakeRig.service(rig.span("held-0"))).isEqualTo(ServiceResources.UNKNOWN_SERVICE);
    assertThat(rig.streamed.heldSpans()).isEqualTo(StreamedSubsegments.MAX_HELD_SPANS);
    assertThat(rig.counts.unknownService.sum()).isEqualTo(1);

    // The others still wait for their segments.
    Map<String, Object> segment = IntakeRig.entity(trace(1), id(1_000_001), "service-1");
    accept(segment, last + 1);
    assertThat(IntakeRig.service(rig.span("held-1"))).isEqualTo("service-1");
  }

  @Test
  void aSubsegmentArrivingAfterItsSegmentLeavesAtOnce() {
    accept(IntakeRig.document("node-streamed-4-segment.json"), 0);
    assertThat(rig.spans()).hasSize(2);

    accept(IntakeRig.document("node-streamed-3-reserve-inventory.json"), 1);
    accept(IntakeRig.document("node-streamed-2-remote-http.json"), 2); // below the one just released

    assertThat(rig.spans()).hasSize(4);
    assertThat(IntakeRig.service(rig.span("reserve-inventory"))).isEqualTo("node-checkout");
    assertThat(IntakeRig.service(rig.span("127.0.0.1"))).isEqualTo("node-checkout");
    assertThat(rig.streamed.heldSpans()).isZero();
    assertThat(rig.counts.heldSubsegments.sum()).isZero();
  }

  @Test
  void releaseAllLetsEverythingGoAsUnknownService() {
    accept(IntakeRig.document("python-streamed-1-validate-cart.json"), 0);
    accept(IntakeRig.document("python-streamed-2-remote-http.json"), 1);

    rig.streamed.releaseAll();

    assertThat(rig.spans()).hasSize(2);
    assertThat(rig.counts.unknownService.sum()).isEqualTo(2);
    assertThat(rig.streamed.heldSpans()).isZero();
  }

  private void accept(Map<String, Object> document, long nowNanos) {
    assertThat(rig.intake.accept(document, nowNanos)).isNull();
  }

  private static Map<String, Object> segment() {
    Map<String, Object> segment = IntakeRig.entity(TRACE, SEGMENT_ID, "go-checkout");
    segment.put("subsegments", java.util.Collections.singletonList(IntakeRig.entity(TRACE, "5555555555555555", "handler")));
    return segment;
  }

  private static String trace(int i) {
    return String.format("1-6b172440-%024x", i + 1);
  }

  private static String id(int i) {
    return String.format("%016x", i);
  }
}

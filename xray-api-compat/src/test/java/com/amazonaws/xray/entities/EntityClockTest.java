package com.amazonaws.xray.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.internal.AnchoredClock;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.xray.XRayPipeline;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A recorded segment reads the wall clock once, when it begins; it and its subsegments measure the
 * rest with the monotonic clock from there, as OpenTelemetry's spans do from their root's anchor.
 */
class EntityClockTest {
  @RegisterExtension final XRayPipeline pipeline = new XRayPipeline();

  @Test
  void subsegmentsAtAnyDepthReadTheTimeFromTheirSegmentsAnchor() {
    SegmentImpl segment = (SegmentImpl) pipeline.recorder().beginSegment("checkout");
    pipeline.recorder().beginSubsegment("load-cart");
    SubsegmentImpl query = (SubsegmentImpl) pipeline.recorder().beginSubsegment("query");

    long before = segment.nowEpochNanos();
    long queryNow = query.nowEpochNanos();
    long segmentNow = segment.nowEpochNanos();
    long after = segment.nowEpochNanos();
    assertThat(queryNow).isBetween(before, segmentNow);
    assertThat(segmentNow).isBetween(queryNow, after);
    pipeline.recorder().endSubsegment();
    pipeline.recorder().endSubsegment();
    pipeline.recorder().endSegment();
  }

  @Test
  void aFacadeSegmentsSubsegmentsReadTheWallClock() {
    // A Lambda environment can be frozen between invocations, and the monotonic clock with it.
    FacadeSegment facade =
        new FacadeSegment(
            pipeline.recorder(),
            TraceID.fromString("1-5759e988-bd862e3fe1be46a994272793"),
            "53995c3f42cd8ad8",
            TraceHeader.SampleDecision.NOT_SAMPLED);
    long before = AnchoredClock.wallNow();
    SubsegmentImpl child = new SubsegmentImpl(pipeline.recorder(), "handler", facade);
    long childNow = child.nowEpochNanos();
    long after = AnchoredClock.wallNow();

    assertThat(childNow).isBetween(before, after);
    assertThat((long) (child.getStartTime() * 1000)).isBetween(before / 1_000_000L - 1, after / 1_000_000L);
  }

  @Test
  void spanTimesAreTheMonotonicTimeElapsedSinceTheSegmentBegan() {
    long beforeSegment = System.nanoTime();
    pipeline.recorder().beginSegment("checkout");
    long afterSegment = System.nanoTime();
    long beforeChild = System.nanoTime();
    pipeline.recorder().beginSubsegment("load-cart");
    long afterChild = System.nanoTime();
    long beforeChildEnd = System.nanoTime();
    pipeline.recorder().endSubsegment();
    long afterChildEnd = System.nanoTime();
    pipeline.recorder().endSegment();
    TraceKit.flush(10, TimeUnit.SECONDS);

    SpanData segmentSpan = pipeline.exporter().byName("checkout");
    SpanData childSpan = pipeline.exporter().byName("load-cart");
    long childStart = childSpan.getStartEpochNanos() - segmentSpan.getStartEpochNanos();
    long childEnd = childSpan.getEndEpochNanos() - segmentSpan.getStartEpochNanos();
    assertThat(childStart).isBetween(beforeChild - afterSegment, afterChild - beforeSegment);
    assertThat(childEnd).isBetween(beforeChildEnd - afterSegment, afterChildEnd - beforeSegment);
    assertThat(segmentSpan.getEndEpochNanos()).isGreaterThanOrEqualTo(childSpan.getEndEpochNanos());
    // The segment's start is a wall-clock reading.
    assertThat(segmentSpan.getStartEpochNanos() / 1_000_000L)
        .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
  }
}

package com.amazonaws.xray.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.SegmentImpl;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.SubsegmentImpl;
import com.amazonaws.xray.strategy.sampling.NoSamplingStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What streaming does around locks (what it sends, and in which order, is checked against the real
 * X-Ray SDK by the {@code EntityLifecycle} scenario): it does not wait for a lock another thread
 * holds, and it lets go of every lock it took even when sending fails.
 */
class DefaultStreamingStrategyTest {
  private final AWSXRayRecorder recorder =
      AWSXRayRecorderBuilder.standard().withSamplingStrategy(new NoSamplingStrategy()).build();
  private final List<String> sent = new ArrayList<>();
  private final Emitter emitter =
      new Emitter() {
        @Override
        public boolean sendSegment(Segment segment) {
          throw new AssertionError("segments are not streamed");
        }

        @Override
        public boolean sendSubsegment(Subsegment subsegment) {
          if (subsegment.getName().startsWith("failing")) {
            throw new IllegalStateException("send failed");
          }
          sent.add(subsegment.getName());
          return true;
        }
      };

  private Subsegment child(String name, Segment segment, Entity parent) {
    Subsegment subsegment = new SubsegmentImpl(recorder, name, segment);
    if (parent instanceof Subsegment) {
      subsegment.setParent((Subsegment) parent);
    }
    parent.addSubsegment(subsegment);
    return subsegment;
  }

  @Test
  void aSubtreeWhoseLockAnotherThreadHoldsStaysAndTheRestIsSent() throws Exception {
    Segment segment = new SegmentImpl(recorder, "segment");
    Subsegment held = child("held", segment, segment);
    child("held-child", segment, held).end();
    held.end();
    child("free", segment, segment).end();

    runWhileAnotherThreadHolds(held, () -> new DefaultStreamingStrategy(1).streamSome(segment, emitter));

    assertThat(sent).containsExactly("free");
    assertThat(segment.getSubsegments()).containsExactly(held);
    assertThat(held.getSubsegments()).hasSize(1);
  }

  @Test
  void aSegmentWhoseLockAnotherThreadHoldsIsLeftAsItIs() throws Exception {
    Segment segment = new SegmentImpl(recorder, "segment");
    child("done", segment, segment).end();

    runWhileAnotherThreadHolds(segment, () -> new DefaultStreamingStrategy(1).streamSome(segment, emitter));

    assertThat(sent).isEmpty();
    assertThat(segment.getSubsegments()).hasSize(1);
  }

  @Test
  void everyLockTakenIsReleasedWhenSendingFails() {
    Segment segment = new SegmentImpl(recorder, "segment");
    Subsegment outer = child("outer", segment, segment);
    Subsegment inner = child("inner", segment, outer);
    child("failing", segment, inner).end();
    child("open", segment, inner);
    inner.end();
    outer.end();

    assertThatThrownBy(() -> new DefaultStreamingStrategy(1).streamSome(segment, emitter))
        .hasMessage("send failed");

    assertThat(segment.getSubsegmentsLock().isLocked()).isFalse();
    assertThat(outer.getSubsegmentsLock().isLocked()).isFalse();
    assertThat(inner.getSubsegmentsLock().isLocked()).isFalse();
  }

  /** Runs {@code action} on this thread while another one holds {@code entity}'s lock. */
  private static void runWhileAnotherThreadHolds(
      Entity entity, Runnable action) throws InterruptedException {
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              entity.getSubsegmentsLock().lock();
              try {
                locked.countDown();
                done.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                entity.getSubsegmentsLock().unlock();
              }
            });
    holder.start();
    try {
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      action.run();
    } finally {
      done.countDown();
      holder.join(10_000);
    }
  }
}

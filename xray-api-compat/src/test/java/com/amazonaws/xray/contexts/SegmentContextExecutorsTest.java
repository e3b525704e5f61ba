package com.amazonaws.xray.contexts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.SegmentImpl;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.Scope;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.xray.TraceKitIds;
import dev.tracekit.compat.xray.XRayPipeline;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SegmentContextExecutorsTest {
  @RegisterExtension final XRayPipeline pipeline = new XRayPipeline();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void shutdown() {
    pool.shutdownNow();
  }

  @Test
  void runsEachTaskWithTheSegmentThenRestoresTheEntityAndSpanBefore() {
    Segment other = new SegmentImpl(pipeline.recorder(), "other");
    Segment current = pipeline.recorder().beginSegment("current");
    AtomicReference<Entity> during = new AtomicReference<>();
    AtomicReference<String> spanDuring = new AtomicReference<>();
    AtomicReference<Thread> thread = new AtomicReference<>();

    SegmentContextExecutors.newSegmentContextExecutor(pipeline.recorder(), other)
        .execute(
            () -> {
              during.set(pipeline.recorder().getTraceEntity());
              spanDuring.set(TraceKit.currentSpan().getSpanContext().getSpanId());
              thread.set(Thread.currentThread());
            });

    assertThat(during.get()).isSameAs(other);
    assertThat(spanDuring.get()).isEqualTo(other.getId());
    assertThat(thread.get()).isSameAs(Thread.currentThread());
    assertThat(pipeline.recorder().getTraceEntity()).isSameAs(current);
    assertThat(TraceKit.currentSpan().getSpanContext().getSpanId()).isEqualTo(current.getId());
  }

  @Test
  void restoresWhenTheTaskThrows() {
    Segment other = new SegmentImpl(pipeline.recorder(), "other");
    Segment current = pipeline.recorder().beginSegment("current");

    assertThatThrownBy(
            () ->
                SegmentContextExecutors.newSegmentContextExecutor(pipeline.recorder(), other)
                    .execute(
                        () -> {
                          throw new IllegalStateException("task failed");
                        }))
        .hasMessage("task failed");

    assertThat(pipeline.recorder().getTraceEntity()).isSameAs(current);
    assertThat(TraceKit.currentSpan().getSpanContext().getSpanId()).isEqualTo(current.getId());
  }

  @Test
  void putsBackATraceKitSpanThatWasCurrentWithoutAnyEntity() {
    Segment segment = new SegmentImpl(pipeline.recorder(), "segment");
    Span tracekitOnly = TraceKit.startSpan("tracekit-only");
    try (Scope ignored = tracekitOnly.makeCurrent()) {
      SegmentContextExecutors.newSegmentContextExecutor(pipeline.recorder(), segment)
          .execute(() -> TraceKit.startSpan("inside").end());

      assertThat(pipeline.recorder().getTraceEntity()).isNull();
      assertThat(TraceKit.currentSpan()).isSameAs(tracekitOnly);
    } finally {
      tracekitOnly.end();
    }
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pipeline.exporter().byName("inside").getParentSpanContext().getSpanId()).isEqualTo(segment.getId());
  }

  @Test
  void withoutASegmentTasksRunInTheContextAsItIs() {
    Segment current = pipeline.recorder().beginSegment("current");
    AtomicReference<Entity> during = new AtomicReference<>();

    SegmentContextExecutors.newSegmentContextExecutor(pipeline.recorder(), null)
        .execute(() -> during.set(pipeline.recorder().getTraceEntity()));

    assertThat(during.get()).isSameAs(current);
    assertThat(pipeline.recorder().getTraceEntity()).isSameAs(current);
  }

  @Test
  void theNoArgumentFactoryTakesTheGlobalSegmentCurrentWhenCalled() throws Exception {
    AWSXRayRecorder global = AWSXRay.getGlobalRecorder();
    Segment segment = global.beginSegment("global");
    java.util.concurrent.Executor executor = SegmentContextExecutors.newSegmentContextExecutor();
    global.endSegment();
    AtomicReference<Entity> during = new AtomicReference<>();

    pool.submit(() -> executor.execute(() -> during.set(global.getTraceEntity())))
        .get(10, TimeUnit.SECONDS);

    assertThat(during.get()).isSameAs(segment);
    assertThat(global.getTraceEntity()).isNull();
    assertThat(pool.submit(global::getTraceEntity).get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void completableFutureStagesRunUnderTheSegment() throws Exception {
    Segment segment = pipeline.recorder().beginSegment("request");
    java.util.concurrent.Executor withSegment =
        SegmentContextExecutors.newSegmentContextExecutor(pipeline.recorder(), segment);

    String result =
        CompletableFuture.supplyAsync(() -> "loaded", pool)
            .thenApplyAsync(
                value -> {
                  Subsegment store = pipeline.recorder().beginSubsegment("store");
                  pipeline.recorder().endSubsegment();
                  return value + " by " + store.getParent().getName();
                },
                withSegment)
            .get(10, TimeUnit.SECONDS);
    pipeline.recorder().endSegment();

    assertThat(result).isEqualTo("loaded by request");
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(pipeline.exporter().byName("store").getParentSpanContext().getSpanId()).isEqualTo(segment.getId());
    assertThat(pool.submit(pipeline.recorder()::getTraceEntity).get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void setTraceEntityHandsASubsegmentToAnotherThread() throws Exception {
    Segment segment = pipeline.recorder().beginSegment("request");
    Subsegment parent = pipeline.recorder().beginSubsegment("parent");

    pool.submit(
            () -> {
              pipeline.recorder().setTraceEntity(parent);
              try {
                pipeline.recorder().beginSubsegment("worker");
                TraceKit.startSpan("tracekit-in-worker").end();
                pipeline.recorder().endSubsegment();
              } finally {
                pipeline.recorder().clearTraceEntity();
              }
              assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
            })
        .get(10, TimeUnit.SECONDS);
    pipeline.recorder().endSubsegment();
    pipeline.recorder().endSegment();

    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    String workerId = pipeline.exporter().byName("worker").getSpanContext().getSpanId();
    assertThat(pipeline.exporter().byName("worker").getParentSpanContext().getSpanId()).isEqualTo(parent.getId());
    assertThat(pipeline.exporter().byName("tracekit-in-worker").getParentSpanContext().getSpanId()).isEqualTo(workerId);
    assertThat(pipeline.exporter().byName("worker").getSpanContext().getTraceId())
        .isEqualTo(TraceKitIds.hex(segment.getTraceId()));
  }
}

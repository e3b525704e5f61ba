package com.amazonaws.xray.contexts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.SegmentImpl;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.Scope;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.xray.TraceKitIds;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SegmentContextExecutorsTest {
  private final RecordingExporter exporter = new RecordingExporter();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private AWSXRayRecorder recorder;

  @BeforeEach
  void init() {
    TraceKit.init(TraceKitConfig.builder().setSpanExporter(exporter).setShutdownHook(false).build());
    recorder = AWSXRayRecorderBuilder.standard().build();
  }

  @AfterEach
  void shutdown() {
    pool.shutdownNow();
    recorder.clearTraceEntity();
    TraceKit.shutdown();
  }

  @Test
  void runsEachTaskWithTheSegmentThenRestoresTheEntityAndSpanBefore() {
    Segment other = new SegmentImpl(recorder, "other");
    Segment current = recorder.beginSegment("current");
    AtomicReference<Entity> during = new AtomicReference<>();
    AtomicReference<String> spanDuring = new AtomicReference<>();
    AtomicReference<Thread> thread = new AtomicReference<>();

    SegmentContextExecutors.newSegmentContextExecutor(recorder, other)
        .execute(
            () -> {
              during.set(recorder.getTraceEntity());
              spanDuring.set(TraceKit.currentSpan().getSpanContext().getSpanId());
              thread.set(Thread.currentThread());
            });

    assertThat(during.get()).isSameAs(other);
    assertThat(spanDuring.get()).isEqualTo(other.getId());
    assertThat(thread.get()).isSameAs(Thread.currentThread());
    assertThat(recorder.getTraceEntity()).isSameAs(current);
    assertThat(TraceKit.currentSpan().getSpanContext().getSpanId()).isEqualTo(current.getId());
  }

  @Test
  void restoresWhenTheTaskThrows() {
    Segment other = new SegmentImpl(recorder, "other");
    Segment current = recorder.beginSegment("current");

    assertThatThrownBy(
            () ->
                SegmentContextExecutors.newSegmentContextExecutor(recorder, other)
                    .execute(
                        () -> {
                          throw new IllegalStateException("task failed");
                        }))
        .hasMessage("task failed");

    assertThat(recorder.getTraceEntity()).isSameAs(current);
    assertThat(TraceKit.currentSpan().getSpanContext().getSpanId()).isEqualTo(current.getId());
  }

  @Test
  void putsBackATraceKitSpanThatWasCurrentWithoutAnyEntity() {
    Segment segment = new SegmentImpl(recorder, "segment");
    Span tracekitOnly = TraceKit.startSpan("tracekit-only");
    try (Scope ignored = tracekitOnly.makeCurrent()) {
      SegmentContextExecutors.newSegmentContextExecutor(recorder, segment)
          .execute(() -> TraceKit.startSpan("inside").end());

      assertThat(recorder.getTraceEntity()).isNull();
      assertThat(TraceKit.currentSpan()).isSameAs(tracekitOnly);
    } finally {
      tracekitOnly.end();
    }
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.byName("inside").getParentSpanContext().getSpanId()).isEqualTo(segment.getId());
  }

  @Test
  void withoutASegmentTasksRunInTheContextAsItIs() {
    Segment current = recorder.beginSegment("current");
    AtomicReference<Entity> during = new AtomicReference<>();

    SegmentContextExecutors.newSegmentContextExecutor(recorder, null)
        .execute(() -> during.set(recorder.getTraceEntity()));

    assertThat(during.get()).isSameAs(current);
    assertThat(recorder.getTraceEntity()).isSameAs(current);
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
    Segment segment = recorder.beginSegment("request");
    java.util.concurrent.Executor withSegment =
        SegmentContextExecutors.newSegmentContextExecutor(recorder, segment);

    String result =
        CompletableFuture.supplyAsync(() -> "loaded", pool)
            .thenApplyAsync(
                value -> {
                  Subsegment store = recorder.beginSubsegment("store");
                  recorder.endSubsegment();
                  return value + " by " + store.getParent().getName();
                },
                withSegment)
            .get(10, TimeUnit.SECONDS);
    recorder.endSegment();

    assertThat(result).isEqualTo("loaded by request");
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.byName("store").getParentSpanContext().getSpanId()).isEqualTo(segment.getId());
    assertThat(pool.submit(recorder::getTraceEntity).get(10, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void setTraceEntityHandsASubsegmentToAnotherThread() throws Exception {
    Segment segment = recorder.beginSegment("request");
    Subsegment parent = recorder.beginSubsegment("parent");

    pool.submit(
            () -> {
              recorder.setTraceEntity(parent);
              try {
                recorder.beginSubsegment("worker");
                TraceKit.startSpan("tracekit-in-worker").end();
                recorder.endSubsegment();
              } finally {
                recorder.clearTraceEntity();
              }
              assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
            })
        .get(10, TimeUnit.SECONDS);
    recorder.endSubsegment();
    recorder.endSegment();

    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    String workerId = exporter.byName("worker").getSpanContext().getSpanId();
    assertThat(exporter.byName("worker").getParentSpanContext().getSpanId()).isEqualTo(parent.getId());
    assertThat(exporter.byName("tracekit-in-worker").getParentSpanContext().getSpanId()).isEqualTo(workerId);
    assertThat(exporter.byName("worker").getSpanContext().getTraceId())
        .isEqualTo(TraceKitIds.hex(segment.getTraceId()));
  }
}

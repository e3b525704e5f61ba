package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.contexts.SegmentContextExecutors;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads, each building its own segment tree at the same time, handing work to one shared pool
 * through {@link SegmentContextExecutors} and {@code setTraceEntity}: every span must arrive once,
 * in its own trace, under its own parent.
 */
class ConcurrentTracesTest {
  private static final int TREES = 16;
  private static final int SUBSEGMENTS_PER_TREE = 3;
  // Per tree: the segment, and per subsegment: itself, a nested one, a TraceKit span in that, an
  // async subsegment (executor) and a hand-off subsegment (setTraceEntity).
  private static final int SPANS_PER_TREE = 1 + SUBSEGMENTS_PER_TREE * 5;
  private static final AttributeKey<Long> TREE = AttributeKey.longKey("tree");

  private final RecordingExporter exporter = new RecordingExporter();
  private final ExecutorService trees = Executors.newFixedThreadPool(TREES);
  private final ExecutorService sharedPool = Executors.newFixedThreadPool(4);
  private final Queue<String> leaks = new ConcurrentLinkedQueue<>();
  private AWSXRayRecorder recorder;

  @BeforeEach
  void init() {
    TraceKit.init(
        TraceKitConfig.builder()
            .setSpanExporter(exporter)
            .setMaxQueueSize(4 * TREES * SPANS_PER_TREE)
            .setShutdownHook(false)
            .build());
    recorder = AWSXRayRecorderBuilder.standard().build();
  }

  @AfterEach
  void shutdown() {
    trees.shutdownNow();
    sharedPool.shutdownNow();
    TraceKit.shutdown();
  }

  @Test
  void concurrentTreesWithAsyncHandOffStaySeparateAndComplete() throws Exception {
    CyclicBarrier start = new CyclicBarrier(TREES);
    List<Future<Segment>> results = new ArrayList<>();
    for (int i = 0; i < TREES; i++) {
      int tree = i;
      results.add(trees.submit(() -> buildTree(tree, start)));
    }
    Map<Integer, Segment> segments = new HashMap<>();
    for (int i = 0; i < TREES; i++) {
      segments.put(i, results.get(i).get(30, TimeUnit.SECONDS));
    }
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(leaks).as("context left on pool threads").isEmpty();
    List<SpanData> spans = exporter.spans();
    assertThat(spans).hasSize(TREES * SPANS_PER_TREE);
    Map<String, SpanData> byName = new HashMap<>();
    Set<String> spanIds = new HashSet<>();
    for (SpanData span : spans) {
      assertThat(byName.put(span.getName(), span)).as("duplicate %s", span.getName()).isNull();
      assertThat(spanIds.add(span.getSpanContext().getSpanId())).as("duplicate id").isTrue();
    }
    Set<String> traceIds = new HashSet<>();
    for (int i = 0; i < TREES; i++) {
      Segment segment = segments.get(i);
      String traceId = TraceKitIds.hex(segment.getTraceId());
      assertThat(traceIds.add(traceId)).isTrue();
      SpanData root = byName.get("seg-" + i);
      assertThat(root.getSpanContext().getSpanId()).isEqualTo(segment.getId());
      assertThat(root.getParentSpanContext().isValid()).isFalse();
      assertThat(root.getAttributes().get(TREE)).isEqualTo((long) i);
      for (int j = 0; j < SUBSEGMENTS_PER_TREE; j++) {
        String suffix = i + "-" + j;
        SpanData sub = byName.get("sub-" + suffix);
        SpanData inner = byName.get("inner-" + suffix);
        SpanData traceKit = byName.get("tracekit-" + suffix);
        SpanData async = byName.get("async-" + suffix);
        SpanData handoff = byName.get("handoff-" + suffix);
        assertChild(sub, root, traceId, i);
        assertChild(inner, sub, traceId, i);
        assertChild(traceKit, inner, traceId, -1);
        assertChild(async, root, traceId, i);
        assertChild(handoff, sub, traceId, i);
      }
    }
  }

  private static void assertChild(SpanData child, SpanData parent, String traceId, long tree) {
    assertThat(child).isNotNull();
    assertThat(child.getSpanContext().getTraceId()).as(child.getName()).isEqualTo(traceId);
    assertThat(child.getParentSpanContext().getSpanId())
        .as("parent of %s", child.getName())
        .isEqualTo(parent.getSpanContext().getSpanId());
    if (tree >= 0) {
      assertThat(child.getAttributes().get(TREE)).as(child.getName()).isEqualTo(tree);
    }
  }

  private Segment buildTree(int tree, CyclicBarrier start) throws Exception {
    start.await(10, TimeUnit.SECONDS);
    Segment segment = recorder.beginSegment("seg-" + tree);
    segment.putAnnotation("tree", tree);
    Executor withSegment = SegmentContextExecutors.newSegmentContextExecutor(recorder, segment);
    for (int j = 0; j < SUBSEGMENTS_PER_TREE; j++) {
      String suffix = tree + "-" + j;
      recorder.beginSubsegment("sub-" + suffix).putAnnotation("tree", tree);
      recorder.beginSubsegment("inner-" + suffix).putAnnotation("tree", tree);
      TraceKit.startSpan("tracekit-" + suffix).end();
      recorder.endSubsegment();

      Future<?> async =
          sharedPool.submit(
              () -> {
                checkClean("before async-" + suffix);
                withSegment.execute(
                    () -> {
                      Subsegment subsegment = recorder.beginSubsegment("async-" + suffix);
                      subsegment.putAnnotation("tree", tree);
                      recorder.endSubsegment();
                    });
                checkClean("after async-" + suffix);
              });
      Entity handedOff = recorder.getTraceEntity();
      Future<?> handoff =
          sharedPool.submit(
              () -> {
                checkClean("before handoff-" + suffix);
                recorder.setTraceEntity(handedOff);
                try {
                  recorder.beginSubsegment("handoff-" + suffix).putAnnotation("tree", tree);
                  recorder.endSubsegment();
                } finally {
                  recorder.clearTraceEntity();
                }
                checkClean("after handoff-" + suffix);
              });
      async.get(10, TimeUnit.SECONDS);
      handoff.get(10, TimeUnit.SECONDS);
      recorder.endSubsegment();
    }
    recorder.endSegment();
    checkClean("after seg-" + tree);
    return segment;
  }

  private void checkClean(String where) {
    if (recorder.getTraceEntity() != null) {
      leaks.add(where + ": entity " + recorder.getTraceEntity().getName());
    }
    if (TraceKit.currentSpan() != Span.invalid()) {
      leaks.add(where + ": span " + TraceKit.currentSpan().getSpanContext());
    }
  }
}

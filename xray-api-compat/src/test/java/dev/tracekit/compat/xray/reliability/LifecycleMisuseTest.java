package dev.tracekit.compat.xray.reliability;

import static dev.tracekit.compat.xray.reliability.BadInputPipeline.names;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.only;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.parentId;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.spanId;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.tracekit.compat.core.export.LogCapture;
import dev.tracekit.compat.xray.reference.XRayReference;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lifecycle misuse, run on the real X-Ray SDK 2.21.0 and on the shim (program {@code
 * scenarios.Misuse}): what the app sees (return values, exceptions per context-missing strategy)
 * and what a custom emitter receives are the same; every entity that ends reaches a real OTLP
 * receiver exactly once, with the right parent; nothing overflows the stack.
 */
class LifecycleMisuseTest {
  private static final String SENT_AGAIN = "endSubsegment(sub) after the segment was sent";
  private BadInputPipeline receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = BadInputPipeline.startWithPipeline(30_000);
  }

  @AfterEach
  void stop() throws IOException {
    receiver.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"LOG_ERROR", "RUNTIME_ERROR"})
  void endingEveryEntityTwiceActsLikeTheRealSdkAndExportsEachSpanOnce(String strategy) {
    Map<String, Object> real = BadInputPrograms.real("Misuse.endTwice", strategy);
    Map<String, Object> shim = BadInputPrograms.shim("Misuse.endTwice", strategy);

    assertThat(without(shim, "emitted")).isEqualTo(without(real, "emitted"));
    if (strategy.equals("RUNTIME_ERROR")) {
      assertThat(real.get("segment.end() again")).isEqualTo(
          "threw com.amazonaws.xray.exceptions.AlreadyEmittedException: Segment twice has already been emitted.");
      assertThat(real.get("endSegment again")).asString().startsWith("threw com.amazonaws.xray.exceptions.SegmentNotFoundException");
      assertThat(shim.get("emitted")).isEqualTo(real.get("emitted"));
    } else {
      // The one difference: ending a subsegment again after its segment was sent makes the real
      // SDK send the whole segment a second time; the shim reports it and sends nothing.
      assertThat(real.get("emitted")).asList().containsExactly("segment twice", "segment twice");
      assertThat(shim.get("emitted")).asList().containsExactly("segment twice");
    }

    List<Span> spans = receiver.flush();
    assertThat(names(spans)).containsExactlyInAnyOrder("twice", "twice-sub");
    assertThat(parentId(only(spans, "twice-sub"))).isEqualTo(spanId(only(spans, "twice")));
  }

  @Test
  void endingTenThousandEntitiesTwiceLogsAFewLinesAndExportsEachSpanOnce() {
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
    List<LogRecord> records;
    try (LogCapture logs = new LogCapture()) {
      assertTimeoutPreemptively(TracedApp.APP_BOUND, () -> {
        for (int i = 0; i < 10_000; i++) {
          Segment segment = recorder.beginSegment("again-" + i);
          Subsegment sub = recorder.beginSubsegment("again-" + i + "-sub");
          recorder.endSubsegment();
          recorder.endSubsegment();
          recorder.endSegment();
          recorder.endSegment();
          segment.end();
          sub.end();
        }
      });
      assertThat(receiver.flush()).hasSize(20_000);
      records = logs.records();
    }
    // LOG_ERROR, rate-limited: a few lines a minute whatever the count of misuses (the real SDK
    // logs at least one SEVERE line, with the entity's name, for each).
    assertThat(records).filteredOn(r -> r.getLevel().intValue() >= Level.INFO.intValue())
        .as("log lines for 40,000 misuses").hasSizeLessThanOrEqualTo(10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"LOG_ERROR", "RUNTIME_ERROR"})
  void endingASegmentDirectlyThenThroughTheRecorderActsLikeTheRealSdk(String strategy) {
    Map<String, Object> real = BadInputPrograms.real("Misuse.endedDirectlyThenByTheRecorder", strategy);
    Map<String, Object> shim = BadInputPrograms.shim("Misuse.endedDirectlyThenByTheRecorder", strategy);

    // Emitted when end() returns true, whether or not a recorder sends it.
    assertThat(real.get("isEmitted")).isEqualTo(true);
    assertThat(shim).isEqualTo(real);
    assertThat(names(receiver.flush())).containsExactly("direct");
  }

  @ParameterizedTest
  @ValueSource(strings = {"LOG_ERROR", "RUNTIME_ERROR"})
  void endingASubsegmentFromAnotherThreadActsLikeTheRealSdk(String strategy) {
    Map<String, Object> real = BadInputPrograms.real("Misuse.endFromAnotherThread", strategy);
    Map<String, Object> shim = BadInputPrograms.shim("Misuse.endFromAnotherThread", strategy);

    assertThat(shim).isEqualTo(real);
    assertThat(real.get("other thread: endSubsegment(sub)")).isEqualTo("returned null");
    assertThat(real.get("after: in progress")).isEqualTo(false);

    List<Span> spans = receiver.flush();
    assertThat(names(spans)).containsExactlyInAnyOrder("threads", "by-reference", "handed-over");
    String segment = spanId(only(spans, "threads"));
    assertThat(parentId(only(spans, "by-reference"))).isEqualTo(segment);
    assertThat(parentId(only(spans, "handed-over"))).isEqualTo(segment);
  }

  @Test
  void closingASegmentWithOpenSubsegmentsActsLikeTheRealSdkAndLosesNoSpan() {
    Map<String, Object> real = BadInputPrograms.real("Misuse.openSubsegments");
    Map<String, Object> shim = BadInputPrograms.shim("Misuse.openSubsegments");

    assertThat(shim).isEqualTo(real);
    // Sent by the last subsegment's end; a segment is marked emitted only when its own end() says
    // it can be sent, so this one is not.
    assertThat(real.get("after the last end"))
        .isEqualTo("in progress false, emitted false, reference count 0, emitted [segment closed-early]");
    // The real SDK sends a segment once its last subsegment ends, and never one that keeps a
    // subsegment open: that whole segment is lost to X-Ray.
    assertThat(real.get("after endSegment")).asString().endsWith("emitted []");
    assertThat(real.get("emitted")).asList().hasSize(1);
    assertThat(real.get("abandoned")).isEqualTo("in progress false, emitted false, reference count 1");

    // Here each entity is exported as it ends, the abandoned segment included.
    List<Span> spans = receiver.flush();
    assertThat(names(spans)).containsExactlyInAnyOrder("closed-early", "done", "still-open", "abandoned-child");
    String closedEarly = spanId(only(spans, "closed-early"));
    assertThat(parentId(only(spans, "still-open"))).isEqualTo(closedEarly);
    assertThat(parentId(only(spans, "done"))).isEqualTo(closedEarly);
  }

  @Test
  void tenThousandSubsegmentsOfOneSegmentAreStreamedLikeTheRealSdkAndAllReachTheReceiver() {
    Object real = XRayReference.REAL.call("scenarios.Recorders", "emitterCalls", 10_000);
    Object shim = assertTimeoutPreemptively(TracedApp.APP_BOUND,
        () -> XRayReference.SHIM.call("scenarios.Recorders", "emitterCalls", 10_000));

    assertThat(shim).isEqualTo(real);
    assertThat(real).asList().hasSize(10_001).filteredOn(c -> String.valueOf(c).startsWith("subsegment ")).hasSize(9_999);

    List<Span> spans = receiver.flush();
    assertThat(spans).hasSize(10_001);
    Span batch = only(spans, "batch");
    List<Span> items = spans.stream().filter(s -> s != batch).collect(Collectors.toList());
    assertThat(items).allSatisfy(item -> {
      assertThat(parentId(item)).isEqualTo(spanId(batch));
      assertThat(traceId(item)).isEqualTo(traceId(batch));
    });
    assertThat(names(items).stream().distinct().count()).isEqualTo(10_000);
    assertThat(receiver.bodySizes()).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void nestingOneThousandDeepActsLikeTheRealSdkAndEveryLevelReachesTheReceiver() {
    Map<String, Object> real = BadInputPrograms.real("Misuse.deep", 1000);
    Map<String, Object> shim = BadInputPrograms.shim("Misuse.deep", 1000);

    // Both fail to write the in-progress tree (Jackson writes 1000 levels at most) and return "";
    // once all end, both stream 900 subsegments and send the segment with the last 100 levels.
    assertThat(shim).isEqualTo(real);
    assertThat(real.get("serialize at the deepest point")).isEqualTo("empty");
    assertThat(real.get("emitted")).asList().hasSize(901);

    assertChain(receiver.flush(), 1000);
  }

  @Test
  void nestingTenThousandDeepOnASmallStackOverflowsTheRealSdkButNotTheShim() throws Exception {
    // A 256 KiB stack: the real SDK's recursive streaming overflows it, the shim walks iteratively.
    Map<String, Object> real = onSmallStack(() -> BadInputPrograms.real("Misuse.deep", 10_000));
    Map<String, Object> shim = onSmallStack(() -> BadInputPrograms.shim("Misuse.deep", 10_000));

    assertThat(real.get("endSubsegment at every level")).isEqualTo("threw java.lang.StackOverflowError: null");
    assertThat(shim.get("endSubsegment at every level")).isEqualTo("returned null");
    assertThat(shim.get("endSegment")).isEqualTo("returned null");
    assertThat(shim.get("emitted")).isEqualTo("9901 calls, first subsegment level-9999, last segment deep");

    assertChain(receiver.flush(), 10_000);
  }

  private static Map<String, Object> onSmallStack(Callable<Map<String, Object>> call) throws Exception {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(call.call());
      } catch (Throwable t) {
        result.set(t);
      }
    }, "small-stack", 256 * 1024);
    thread.start();
    assertTimeoutPreemptively(TracedApp.APP_BOUND, () -> thread.join());
    if (result.get() instanceof Throwable) {
      throw new AssertionError("the program itself failed", (Throwable) result.get());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) result.get();
    return map;
  }

  /** Every level's span has the previous level as parent, the first the segment. */
  private static void assertChain(List<Span> spans, int depth) {
    assertThat(spans).hasSize(depth + 1);
    Map<String, Span> byName = new HashMap<>();
    for (Span span : spans) {
      byName.put(span.getName(), span);
    }
    String parent = spanId(byName.get("deep"));
    for (int i = 0; i < depth; i++) {
      Span level = byName.get("level-" + i);
      assertThat(parentId(level)).as("parent of level-%s", i).isEqualTo(parent);
      parent = spanId(level);
    }
  }

  private static Map<String, Object> without(Map<String, Object> run, String key) {
    Map<String, Object> copy = new HashMap<>(run);
    copy.remove(key);
    return copy;
  }
}

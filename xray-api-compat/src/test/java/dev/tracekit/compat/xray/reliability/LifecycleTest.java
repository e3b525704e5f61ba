package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.LogCapture;
import dev.tracekit.compat.core.export.LoopbackOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.PipelineStats;
import dev.tracekit.compat.core.trace.Tracer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shutdown and lifecycle (issue 6), in this JVM: {@code shutdown()} twice, spans ended after
 * shutdown, and re-{@code init} replacing the pipeline. Threads are compared by identity with those
 * alive before the test; connections are counted on the collector's side. JVM exit is in {@link
 * JvmExitTest}. See RELIABILITY.md.
 */
class LifecycleTest {
  private final List<String> received = Collections.synchronizedList(new ArrayList<String>());
  private final AWSXRayRecorder recorder =
      AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
  private LoopbackOtlpReceiver collector;
  private Set<Thread> before;

  @BeforeEach
  void start() throws IOException {
    before = Threads.live();
    collector =
        LoopbackOtlpReceiver.start((high, low, spanId, parentId, name) -> received.add(name))
            .checkWithProto(Integer.MAX_VALUE);
  }

  @AfterEach
  void stop() throws IOException {
    TraceKit.shutdown();
    collector.close();
    assertThat(collector.errors()).isEmpty();
  }

  @Test
  void shutdownTwiceIsHarmlessQuietAndLeavesTheCountsReadable() throws Exception {
    TracedApp app = TracedApp.start(collector.endpoint(), 64, 64, 5_000);
    List<String> names = app.produce("twice", 10);

    PipelineStats first;
    PipelineStats second;
    try (LogCapture logs = new LogCapture()) {
      assertThat(TraceKit.shutdown()).isTrue();
      first = TraceKit.getStats();
      assertThat(TraceKit.shutdown()).isTrue();
      assertThat(TraceKit.shutdown(1, TimeUnit.MILLISECONDS)).isTrue();
      second = TraceKit.getStats();
      // OkHttp's own FINE task-runner records (its connection pool) are not the app's concern; in
      // the packaged jar its loggers are named after its relocated classes (...core.shaded.okhttp3).
      assertThat(logs.records())
          .filteredOn(r -> r.getLevel().intValue() >= Level.INFO.intValue()
              || !r.getLoggerName().contains("okhttp3."))
          .extracting(LogRecord::getMessage)
          .isEmpty();
    }
    assertThat(first.getSpansExported()).isEqualTo(20);
    assertThat(second.toString()).isEqualTo(first.toString());
    assertThat(collector.awaitDecoded(20, 10)).isTrue();
    assertThat(received).containsExactlyInAnyOrderElementsOf(names);
    assertThat(Threads.awaitEnded(before, Threads::isTraceKit, 10)).isEmpty();
  }

  /**
   * After {@code shutdown()} the stopped pipeline stays installed: spans the X-Ray API ends are
   * dropped and counted in it, unsampled ones counted too, and nothing starts a new pipeline.
   */
  @Test
  void spansEndedAfterShutdownAreDroppedAndCountedAndStartNoNewPipeline() throws Exception {
    TracedApp app = TracedApp.start(collector.endpoint(), 64, 64, 5_000);
    List<String> names = app.produce("before-shutdown", 10);
    assertThat(TraceKit.shutdown()).isTrue();
    assertThat(Threads.awaitEnded(before, Threads::isTraceKit, 10)).isEmpty();
    long requests = collector.requests();

    try (LogCapture logs = new LogCapture()) {
      app.produce("after-shutdown", 5);
      recorder.beginSegment("unsampled-after-shutdown").setSampled(false);
      recorder.endSegment();
      // OkHttp's own FINE task-runner records (its connection pool) are not the app's concern; in
      // the packaged jar its loggers are named after its relocated classes (...core.shaded.okhttp3).
      assertThat(logs.records())
          .filteredOn(r -> r.getLevel().intValue() >= Level.INFO.intValue()
              || !r.getLoggerName().contains("okhttp3."))
          .extracting(LogRecord::getMessage)
          .isEmpty();
    }

    PipelineStats stats = TraceKit.getStats();
    assertThat(stats.getSpansEnded()).as("%s", stats).isEqualTo(30);
    assertThat(stats.getSpansExported()).isEqualTo(20);
    assertThat(stats.getSpansDroppedAfterShutdown()).isEqualTo(10);
    assertThat(stats.getSpansDroppedQueueFull()).isZero();
    assertThat(stats.getSpansFailed()).isZero();
    assertThat(stats.getSpansQueued()).isZero();
    assertThat(stats.getSpansUnsampled()).isEqualTo(1);
    // created = exported + dropped + unsampled: 31 entities.
    assertThat(stats.getSpansExported() + stats.getSpansDropped() + stats.getSpansUnsampled())
        .isEqualTo(31);
    assertThat(TraceKit.isInitialized()).as("the stopped pipeline stays installed").isTrue();
    assertThat(Threads.startedSince(before, Threads::isTraceKit)).as("new pipeline").isEmpty();
    assertThat(collector.requests()).isEqualTo(requests);
    assertThat(collector.awaitDecoded(20, 10)).isTrue();
    assertThat(received).containsExactlyInAnyOrderElementsOf(names);
  }

  /**
   * Twenty re-inits: each flushes the pipeline it replaces, whose worker thread ends and whose
   * connection closes; the new one delivers; neither threads nor connections accumulate.
   */
  @Test
  void reinitReplacesThePipelineAndReleasesItsThreadAndConnection() throws Exception {
    int pipelines = 21;
    List<String> expected = new ArrayList<>();
    List<Integer> sharedThreads = new ArrayList<>();
    Tracer previous = null;
    Thread previousWorker = null;
    for (int round = 0; round < pipelines; round++) {
      Tracer tracer = TraceKit.init(config());
      if (previous != null) {
        // init returned after shutting the previous pipeline down: its spans were delivered.
        PipelineStats old = previous.getStats();
        assertThat(old.getSpansExported()).as("round %s, exported", round - 1).isEqualTo(10);
        assertThat(old.getSpansEnded()).isEqualTo(10);
        assertThat(old.getSpansQueued()).isZero();
        assertThat(collector.awaitOpenConnectionsAtMost(0, 10))
            .as("round %s: the old pipeline's connection closed", round)
            .isTrue();
      }
      List<Thread> traceKit = awaitTraceKitThreads(1);
      assertThat(Threads.names(traceKit))
          .as("round %s: TraceKit's threads", round)
          .containsExactly("tracekit-span-exporter-1");
      assertThat(traceKit.get(0)).isNotSameAs(previousWorker);
      if (previousWorker != null) {
        assertThat(previousWorker.isAlive()).as("round %s: the old worker", round).isFalse();
      }
      Thread worker = traceKit.get(0);
      // Apart from the collector's, the only threads the test started that are still alive are
      // the new worker and OkHttp's shared pool threads (its TaskRunner, at times with a second
      // thread taking over while one runs a task, and Okio's timeout watchdog): a leak would add
      // one per pipeline.
      List<Thread> shared = Threads.startedSince(before, Threads::isOkHttpOrOkio);
      assertThat(Threads.names(shared))
          .as("round %s: OkHttp/Okio threads started by the test", round)
          .isSubsetOf("OkHttp TaskRunner", "Okio Watchdog")
          .hasSizeLessThanOrEqualTo(3);
      assertThat(Threads.startedSince(before, LifecycleTest::isAppOrPipelineThread))
          .as("round %s: threads started by the test, apart from the shared ones", round)
          .containsExactly(worker);
      sharedThreads.add(shared.size());
      previousWorker = worker;
      for (int i = 0; i < 5; i++) {
        String name = "round-" + round + "-" + i;
        recorder.beginSegment(name);
        recorder.beginSubsegment(name + "-sub");
        recorder.endSubsegment();
        recorder.endSegment();
        expected.add(name);
        expected.add(name + "-sub");
      }
      previous = tracer;
    }
    assertThat(TraceKit.shutdown()).isTrue();
    assertThat(previous.getStats().getSpansExported()).isEqualTo(10);

    assertThat(collector.awaitDecoded(expected.size(), 10)).isTrue();
    assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(collector.connectionsAccepted())
        .as("one connection per pipeline")
        .isEqualTo(pipelines);
    assertThat(collector.maxOpenConnections()).as("connections open at once").isEqualTo(1);
    assertThat(collector.awaitOpenConnectionsAtMost(0, 10)).isTrue();
    assertThat(Threads.awaitEnded(before, Threads::isTraceKit, 10)).isEmpty();
    System.out.printf(
        "re-init: %d pipelines, %d connections (at most %d open); OkHttp/Okio threads started"
            + " by the test, per round: %s%n",
        pipelines,
        collector.connectionsAccepted(),
        collector.maxOpenConnections(),
        sharedThreads);
  }

  @Test
  void aSegmentOpenAcrossAReinitIsExportedByTheNewPipeline() throws Exception {
    Tracer first = TraceKit.init(config());
    recorder.beginSegment("across-reinit");
    recorder.beginSubsegment("ended-before");
    recorder.endSubsegment();
    Tracer second = TraceKit.init(config());
    recorder.beginSubsegment("begun-before-ended-after");
    // The entity was begun under the first pipeline and ends under the second.
    recorder.endSubsegment();
    recorder.endSegment();

    assertThat(first.getStats().getSpansExported()).isEqualTo(1);
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.getStats().getSpansExported()).isEqualTo(2);
    assertThat(collector.awaitDecoded(3, 10)).isTrue();
    assertThat(received)
        .containsExactlyInAnyOrder("ended-before", "begun-before-ended-after", "across-reinit");
  }

  private static boolean isAppOrPipelineThread(Thread thread) {
    return !Threads.isOkHttpOrOkio(thread) && !thread.getName().startsWith("collector-");
  }

  private TraceKitConfig config() {
    return TraceKitConfig.builder()
        .setEndpoint(collector.endpoint())
        .setApiKey(TestSecrets.API_KEY)
        .setShutdownHook(false)
        .setScheduleDelay(60, TimeUnit.SECONDS)
        .build();
  }

  /** TraceKit threads started during the test, once exactly {@code count} are alive (10 s max). */
  private List<Thread> awaitTraceKitThreads(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Thread> threads = Threads.startedSince(before, Threads::isTraceKit);
    while (threads.size() != count && System.nanoTime() - deadline < 0) {
      threads.get(0).join(10); // an old worker finishing: liveness wait, re-checked
      threads = Threads.startedSince(before, Threads::isTraceKit);
    }
    return threads;
  }
}

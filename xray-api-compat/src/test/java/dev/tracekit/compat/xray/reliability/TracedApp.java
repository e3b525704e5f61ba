package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An app traced with the X-Ray API against a TraceKit pipeline exporting to one endpoint: it
 * produces segments with a subsegment each, checks that the calls return (within a generous bound:
 * liveness, not speed) and that the queue never holds more than its bound, and checks the
 * pipeline's accounting after a bounded flush.
 */
final class TracedApp {
  /** Liveness bound of the app's X-Ray calls; far above what they take on a healthy machine. */
  static final Duration APP_BOUND = Duration.ofSeconds(30);

  final int maxQueueSize;
  private final AWSXRayRecorder recorder;
  private long maxQueuedSeen;

  private TracedApp(int maxQueueSize) {
    this.maxQueueSize = maxQueueSize;
    this.recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
  }

  /**
   * Initializes TraceKit for {@code endpoint}. A long schedule delay means that only full batches
   * and flushes export, so tests decide when requests go out.
   */
  static TracedApp start(
      String endpoint, int maxQueueSize, int batchSize, long exportTimeoutMillis) {
    TraceKit.init(
        TraceKitConfig.builder()
            .setEndpoint(endpoint)
            .setApiKey(TestSecrets.API_KEY)
            .setShutdownHook(false)
            .setMaxQueueSize(maxQueueSize)
            .setMaxExportBatchSize(batchSize)
            .setScheduleDelay(60, TimeUnit.SECONDS)
            .setExportTimeout(exportTimeoutMillis, TimeUnit.MILLISECONDS)
            .build());
    return new TracedApp(maxQueueSize);
  }

  /**
   * Records {@code segments} segments named {@code prefix-i}, each with a subsegment {@code
   * prefix-i-sub}, on a separate thread that must finish within {@link #APP_BOUND}. Returns the
   * span names.
   */
  List<String> produce(String prefix, int segments) {
    List<String> names = new ArrayList<>();
    assertTimeoutPreemptively(
        APP_BOUND,
        () -> {
          for (int i = 0; i < segments; i++) {
            recorder.beginSegment(prefix + "-" + i);
            recorder.beginSubsegment(prefix + "-" + i + "-sub");
            recorder.endSubsegment();
            recorder.endSegment();
            names.add(prefix + "-" + i);
            names.add(prefix + "-" + i + "-sub");
            maxQueuedSeen = Math.max(maxQueuedSeen, TraceKit.getStats().getSpansQueued());
          }
        });
    assertThat(maxQueuedSeen).as("spans queued at most").isLessThanOrEqualTo(maxQueueSize);
    return names;
  }

  /** Flushes (bounded) and returns the stats, checked: every ended span is accounted for once. */
  PipelineStats flushAndAccount() {
    assertThat(TraceKit.flush(30, TimeUnit.SECONDS)).as("flush within 30 s").isTrue();
    PipelineStats stats = TraceKit.getStats();
    assertThat(stats.getSpansUnsampled()).as("unsampled").isZero();
    assertThat(stats.getSpansQueued()).as("queued after flush").isZero();
    assertThat(stats.getSpansEnded())
        .as("ended == exported + dropped + failed: %s", stats)
        .isEqualTo(stats.getSpansExported() + stats.getSpansDropped() + stats.getSpansFailed());
    return stats;
  }

  /** Names of the live threads the pipeline and its HTTP client run (TraceKit's and OkHttp's). */
  static List<String> pipelineThreads() {
    List<String> names = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive()
          && (thread.getName().startsWith("tracekit-") || thread.getName().startsWith("OkHttp"))) {
        names.add(thread.getName());
      }
    }
    return names;
  }

  long maxQueuedSeen() {
    return maxQueuedSeen;
  }
}

package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.BatchSpanProcessor;
import dev.tracekit.compat.core.export.LoopbackOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Load (issue 6): 16 app threads each end 100,000 subsegments (1,000 segments of 100) through the
 * X-Ray API. See RELIABILITY.md.
 */
class LoadTest {
  static final int THREADS = 16;
  static final int SEGMENTS = 1_000;
  static final int SUBSEGMENTS = 100;

  @AfterEach
  void stop() {
    TraceKit.shutdown();
  }

  /**
   * A healthy loopback collector gets every span exactly once, under the right parent. The app
   * paces itself on the queue (half of the default 2048), so no span can be dropped: any loss is a
   * bug, not load.
   */
  @Test
  void sixteenThreadsOfAHundredThousandSubsegmentsArriveExactlyOnceUnderTheirSegments()
      throws Exception {
    LoadProducer app =
        new LoadProducer(
            THREADS, SEGMENTS, SUBSEGMENTS, BatchSpanProcessor.DEFAULT_MAX_QUEUE_SIZE / 2);
    ReceivedSpans received = new ReceivedSpans(app.spans());
    try (LoopbackOtlpReceiver collector = LoopbackOtlpReceiver.start(received).checkWithProto(3)) {
      TraceKit.init(
          TraceKitConfig.builder()
              .setEndpoint(collector.endpoint())
              .setApiKey(TestSecrets.API_KEY)
              .setShutdownHook(false)
              .build());
      long started = System.nanoTime();
      assertTimeoutPreemptively(Duration.ofMinutes(5), () -> app.run(() -> {}, 1_000));
      long produced = System.nanoTime();
      assertThat(TraceKit.flush(60, TimeUnit.SECONDS)).as("flush within 60 s").isTrue();
      long flushed = System.nanoTime();

      PipelineStats stats = TraceKit.getStats();
      System.out.printf(
          "healthy load: %d spans, produced in %d ms, flushed after %d ms more; %s; max queued %d,"
              + " pauses %d; %d requests over %d connections%n",
          app.spans(),
          TimeUnit.NANOSECONDS.toMillis(produced - started),
          TimeUnit.NANOSECONDS.toMillis(flushed - produced),
          stats,
          app.maxQueued(),
          app.pauses(),
          collector.requests(),
          collector.connectionsAccepted());
      assertThat(stats.getSpansEnded()).as("ended").isEqualTo(app.spans());
      assertThat(stats.getSpansUnsampled()).as("unsampled").isZero();
      assertThat(stats.getSpansDropped()).as("dropped").isZero();
      assertThat(stats.getSpansFailed()).as("failed").isZero();
      assertThat(stats.getSpansQueued()).as("queued").isZero();
      assertThat(stats.getSpansExported()).as("exported").isEqualTo(app.spans());
      assertThat(app.maxQueued())
          .as("most spans queued")
          .isLessThanOrEqualTo(BatchSpanProcessor.DEFAULT_MAX_QUEUE_SIZE / 2 + THREADS);

      assertThat(collector.awaitDecoded(app.spans(), 60)).as("all decoded").isTrue();
      assertThat(collector.errors()).isEmpty();
      assertThat(collector.spans()).as("spans the collector decoded").isEqualTo(app.spans());
      received.assertExactlyTheSpansOf(app);
    }
  }

  /**
   * Against a dead backend (connection refused), the same volume in a child JVM whose heap (64 MiB)
   * could not hold it: the app is never held up, every span is counted as dropped or failed, and no
   * thread outlives shutdown.
   */
  @Test
  void aDeadBackendUnderTheSameLoadKeepsTheHeapBoundedCountsEveryDropAndLeavesNoThread()
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    ChildJvm.Result run =
        ChildJvm.of(DeadBackendLoadApp.class)
            .option("-Xmx64m")
            .option("-XX:+ExitOnOutOfMemoryError")
            .option("-Dtracekit.endpoint=http://127.0.0.1:" + port + "/v1/traces")
            .option("-Dtracekit.apiKey=" + TestSecrets.API_KEY)
            .option("-Dtracekit.serviceName=dead-backend-load")
            // Refused connections are retried within this budget: shutdown need not wait 10 s.
            .option("-Dtracekit.exportTimeoutMillis=500")
            .args(String.valueOf(THREADS), String.valueOf(SEGMENTS), String.valueOf(SUBSEGMENTS))
            .run("dead-backend-load", 300)
            .assertSucceeded();
    System.out.println(run.output);

    long spans = (long) THREADS * SEGMENTS * (1 + SUBSEGMENTS);
    assertThat(run.number("SPANS")).isEqualTo(spans);
    assertThat(run.number("ENDED")).as("ended").isEqualTo(spans);
    assertThat(run.number("UNSAMPLED")).as("unsampled").isZero();
    assertThat(run.number("EXPORTED")).as("exported").isZero();
    assertThat(run.number("SECOND_SHUTDOWN_DONE")).as("worker stopped").isEqualTo(1);
    assertThat(run.number("QUEUED")).as("queued after shutdown").isZero();
    assertThat(run.number("DROPPED_QUEUE_FULL")).as("dropped, queue full").isPositive();
    assertThat(
            run.number("DROPPED_QUEUE_FULL")
                + run.number("DROPPED_AFTER_SHUTDOWN")
                + run.number("FAILED"))
        .as("ended == dropped + failed")
        .isEqualTo(spans);
    assertThat(run.number("MAX_QUEUED_SEEN"))
        .as("most spans queued")
        .isLessThanOrEqualTo(BatchSpanProcessor.DEFAULT_MAX_QUEUE_SIZE);
    assertThat(run.line("TRACEKIT_THREADS_LEFT")).as("TraceKit's threads").isEqualTo("(none)");
    assertThat(run.line("THREADS_LEFT_AT_SHUTDOWN").split(", "))
        .as("threads left at shutdown: only OkHttp's and Okio's shared idle ones")
        .isSubsetOf("(none)", "OkHttp TaskRunner", "Okio Watchdog");
    // Those shared ones are daemons (they cannot hold the JVM) and end on their own after 60 s
    // idle, which the test does not wait for; nothing else outlives shutdown.
    long shared = run.number("THREADS_LEFT_AT_SHUTDOWN_COUNT");
    assertThat(shared).as("shared library threads left").isLessThanOrEqualTo(2);
    assertThat(run.number("THREADS_LEFT_AT_SHUTDOWN_DAEMONS")).as("of which daemons").isEqualTo(shared);
    assertThat(run.number("THREADS_AFTER") - shared)
        .as("live threads after shutdown, the shared library ones aside")
        .isEqualTo(run.number("THREADS_BEFORE"));
    // What the app and the pipeline retain stays far below the 64 MiB the child has.
    assertThat(run.number("HEAP_MAX_USED_AFTER_GC")).as("heap after GC").isLessThan(32L << 20);
  }
}

package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Backend faults (issue 6): whatever the receiver does, the app's X-Ray calls return, the queue
 * stays within its bound, every ended span is counted exactly once (exported, dropped or failed),
 * and spans recorded after the receiver recovers are delivered. See RELIABILITY.md.
 */
class BackendFaultsTest {
  private final ScriptedOtlpReceiver backend = new ScriptedOtlpReceiver().behave(spans -> new MockResponse());

  @AfterEach
  void stop() throws IOException {
    TraceKit.shutdown();
    backend.close();
    backend.assertEveryPayloadWasValid();
  }

  @Test
  void connectionRefusedFailsTheSpansThenDeliversOnceTheReceiverStarts() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    TracedApp app =
        TracedApp.start("http://127.0.0.1:" + port + "/v1/traces", 64, 64, 1_000);
    app.produce("refused", 10);
    PipelineStats down = app.flushAndAccount();
    assertThat(down.getSpansFailed()).isEqualTo(20);
    assertThat(down.getSpansExported()).isZero();

    backend.start(port);
    assertRecovers(app, down);
  }

  @Test
  void serverThatNeverAnswersFailsWithinTheExportTimeoutDropsTheExcessThenRecovers()
      throws InterruptedException {
    start();
    backend.behave(spans -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    TracedApp app = TracedApp.start(backend.endpoint(), 32, 16, 1_000);
    app.produce("unanswered-first", 8); // a full batch: sent at once, never answered
    assertThat(backend.awaitRequest()).isTrue();
    app.produce("unanswered", 150); // 300 spans while the worker waits for the timeout
    PipelineStats down = app.flushAndAccount();
    assertThat(down.getSpansDroppedQueueFull()).isPositive();
    assertThat(down.getSpansExported()).isZero();
    assertThat(down.getSpansFailed()).isEqualTo(316 - down.getSpansDropped());
    assertThat(backend.delivered()).isEmpty();

    backend.behave(spans -> new MockResponse());
    assertRecovers(app, down);
  }

  @Test
  void stuckReceiverDropsAndCountsWhatTheQueueCannotHoldAndKeepsTheRest() throws Exception {
    start();
    backend.hold();
    // The export timeout outlasts the test: the worker stays stuck until the receiver answers.
    TracedApp app = TracedApp.start(backend.endpoint(), 32, 16, 30_000);
    app.produce("first", 8); // 16 spans: a full batch, sent at once
    assertThat(backend.awaitRequest()).isTrue();
    List<String> threadsWhenStuck = TracedApp.pipelineThreads();

    app.produce("burst", 150); // 300 spans while the worker waits on the receiver
    PipelineStats stuck = TraceKit.getStats();
    assertThat(stuck.getSpansQueued()).isEqualTo(32);
    assertThat(stuck.getSpansDroppedQueueFull()).isEqualTo(300 - 32);
    // A stuck receiver costs no thread per batch: the worker waits, nothing else starts.
    assertThat(TracedApp.pipelineThreads()).hasSameSizeAs(threadsWhenStuck);

    backend.release();
    PipelineStats after = app.flushAndAccount();
    assertThat(after.getSpansExported()).isEqualTo(16 + 32);
    assertThat(after.getSpansFailed()).isZero();
    assertThat(backend.delivered()).hasSize(16 + 32);
    assertRecovers(app, after);
  }

  @Test
  void slowReceiverDeliversEverySpanThatWasNotDropped() {
    start();
    backend.behave(spans -> new MockResponse().setHeadersDelay(1, TimeUnit.SECONDS));
    TracedApp app = TracedApp.start(backend.endpoint(), 32, 16, 5_000);
    app.produce("slow", 60);
    PipelineStats stats = app.flushAndAccount();
    assertThat(stats.getSpansFailed()).isZero();
    assertThat(stats.getSpansExported()).isEqualTo(120 - stats.getSpansDropped());
    assertThat(backend.delivered()).hasSize((int) stats.getSpansExported());
  }

  @Test
  void retryAfterInSecondsIsHonouredAndTheBatchDelivered() {
    start();
    backend.script(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
    assertDeliveredAfterOneRetry();
  }

  @Test
  void retryAfterAsAnHttpDateIsHonouredAndTheBatchDelivered() {
    start();
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(1));
    backend.script(new MockResponse().setResponseCode(429).setHeader("Retry-After", date));
    assertDeliveredAfterOneRetry();
  }

  @Test
  void retryAfterBeyondTheExportTimeoutFailsTheBatchAtOnceThenRecovers() {
    start();
    backend.script(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3600"));
    TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 2_000);
    app.produce("throttled", 5);
    PipelineStats down = app.flushAndAccount();
    assertThat(down.getSpansFailed()).isEqualTo(10);
    assertThat(backend.requestCount()).isEqualTo(1);
    assertRecovers(app, down);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {502, 503, 504})
  void aTransientGatewayErrorIsRetriedWithinTheSameExport(int code) {
    start();
    backend.script(new MockResponse().setResponseCode(code));
    TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 5_000);
    List<String> names = app.produce("gateway", 5);
    PipelineStats stats = app.flushAndAccount();
    assertThat(stats.getSpansFailed()).isZero();
    assertThat(stats.getSpansExported()).isEqualTo(10);
    assertThat(backend.requestCount()).isEqualTo(2);
    assertThat(backend.delivered()).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void aBurstOf500To504FailsEachBatchAndCountsItThenRecovers() {
    start();
    int[] codes = {500, 502, 503, 504};
    AtomicInteger next = new AtomicInteger();
    backend.behave(
        spans -> new MockResponse().setResponseCode(codes[next.getAndIncrement() % codes.length]));
    // A retry backoff (at least 500 ms) never fits in 400 ms: each batch fails on its first answer.
    TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 400);
    for (int i = 0; i < codes.length; i++) {
      app.produce("burst" + i, 5);
      assertThat(TraceKit.flush(30, TimeUnit.SECONDS)).isTrue();
    }
    PipelineStats down = app.flushAndAccount();
    assertThat(down.getSpansFailed()).isEqualTo(40);
    assertThat(backend.requestCount()).isEqualTo(4);

    backend.behave(spans -> new MockResponse());
    assertRecovers(app, down);
  }

  @Test
  void aDisconnectMidResponseLosesNothingAndTheNextBatchIsDelivered() {
    start();
    StringBuilder body = new StringBuilder("{\"partialSuccess\":{\"errorMessage\":\"");
    for (int i = 0; i < 4096; i++) {
      body.append('x');
    }
    backend.script(
        new MockResponse()
            .setBody(body.append("\"}}").toString())
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 5_000);
    List<String> names = app.produce("reset", 5);
    PipelineStats stats = app.flushAndAccount();
    // The receiver answered 200 before the connection broke: the spans count as delivered.
    assertThat(stats.getSpansExported()).isEqualTo(10);
    assertThat(backend.delivered()).containsExactlyInAnyOrderElementsOf(names);
    assertRecovers(app, stats);
  }

  @Test
  void aConnectionClosedBeforeTheResponseIsRetriedAndTheBatchDelivered() {
    start();
    backend.script(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 5_000);
    List<String> names = app.produce("closed", 5);
    PipelineStats stats = app.flushAndAccount();
    assertThat(stats.getSpansFailed()).isZero();
    assertThat(stats.getSpansExported()).isEqualTo(10);
    assertThat(backend.requestCount()).isEqualTo(2);
    assertThat(backend.delivered()).containsExactlyInAnyOrderElementsOf(names);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "\u0000\u00ff{{{garbage]]]",
        "{\"partialSuccess\": 42}"
      })
  void a200WithAnUnreadableBodyCountsAsDelivered(String body) {
    start();
    backend.behave(
        spans -> new MockResponse().setHeader("Content-Type", "text/html").setBody(body));
    TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 2_000);
    List<String> names = app.produce("garbage", 5);
    PipelineStats stats = app.flushAndAccount();
    assertThat(stats.getSpansExported()).isEqualTo(10);
    assertThat(stats.getSpansFailed()).isZero();
    assertThat(backend.delivered()).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void payloadTooLargeSplitsTheBatchUntilEverySpanArrivesExactlyOnce() {
    start();
    backend.behave(
        spans -> spans > 4 ? new MockResponse().setResponseCode(413) : new MockResponse());
    TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 5_000);
    List<String> names = app.produce("large", 10);
    PipelineStats stats = app.flushAndAccount();
    assertThat(stats.getSpansExported()).isEqualTo(20);
    assertThat(stats.getSpansFailed()).isZero();
    assertThat(backend.delivered()).containsExactlyInAnyOrderElementsOf(names);
  }

  private void start() {
    try {
      backend.start(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void assertDeliveredAfterOneRetry() {
    TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 5_000);
    List<String> names = app.produce("retried", 5);
    PipelineStats stats = app.flushAndAccount();
    assertThat(stats.getSpansFailed()).isZero();
    assertThat(stats.getSpansExported()).isEqualTo(10);
    assertThat(backend.requestCount()).isEqualTo(2);
    assertThat(backend.delivered()).containsExactlyInAnyOrderElementsOf(names);
  }

  /** Spans recorded now reach the (recovered) receiver, on top of what was counted before. */
  static void assertRecovers(TracedApp app, PipelineStats before, ScriptedOtlpReceiver backend) {
    List<String> names = app.produce("recovered", 5);
    PipelineStats after = app.flushAndAccount();
    assertThat(after.getSpansExported() - before.getSpansExported()).isEqualTo(10);
    assertThat(backend.delivered()).containsAll(names);
  }

  private void assertRecovers(TracedApp app, PipelineStats before) {
    assertRecovers(app, before, backend);
  }
}

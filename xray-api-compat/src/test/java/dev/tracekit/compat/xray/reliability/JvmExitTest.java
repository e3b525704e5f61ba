package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.core.export.LoopbackOtlpReceiver;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.net.InetAddress;
import java.net.ServerSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import dev.tracekit.compat.core.secrets.TestSecrets;

/**
 * JVM exit (issue 6): an app that returns from {@code main} without calling {@code shutdown()} —
 * TraceKit started by the X-Ray API, with its shutdown hook (bounded to 5 s) — in a child JVM. The
 * schedule delay is an hour, so only the hook can send the spans. See RELIABILITY.md.
 */
class JvmExitTest {
  private static final int SEGMENTS = 50;
  /** Liveness bound of a child JVM: far above the hook's 5 s plus start-up. */
  private static final long CHILD_BOUND_SECONDS = 60;

  private final List<String> received = Collections.synchronizedList(new ArrayList<String>());

  @Test
  void jvmExitDeliversEverySpanTheAppRecorded() throws Exception {
    try (LoopbackOtlpReceiver collector =
        LoopbackOtlpReceiver.start((high, low, spanId, parentId, name) -> received.add(name))
            .checkWithProto(Integer.MAX_VALUE)) {
      ChildJvm.Result run = child(collector).run("jvm-exit-flush", CHILD_BOUND_SECONDS);
      run.assertSucceeded();
      System.out.printf(
          "jvm exit, healthy collector: %d ms from main's return to exit; %d ms in all%n",
          run.endedAtEpochMillis - run.number("MAIN_RETURNS"), run.millis);

      List<String> expected = new ArrayList<>();
      for (int i = 0; i < SEGMENTS; i++) {
        expected.add("exit-" + i);
        expected.add("exit-" + i + "-sub");
      }
      assertThat(collector.awaitDecoded(expected.size(), 10)).isTrue();
      assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(collector.errors()).isEmpty();
      assertThat(run.output).doesNotContain("WARNING");
    }
  }

  @Test
  void jvmExitIsBoundedWhenTheCollectorNeverAnswers() throws Exception {
    try (LoopbackOtlpReceiver collector =
        LoopbackOtlpReceiver.start((high, low, spanId, parentId, name) -> received.add(name))
            .silent()) {
      ChildJvm.Result run = child(collector).run("jvm-exit-silent", CHILD_BOUND_SECONDS);
      run.assertSucceeded();
      System.out.printf(
          "jvm exit, silent collector: %d ms from main's return to exit; %d ms in all%n",
          run.endedAtEpochMillis - run.number("MAIN_RETURNS"), run.millis);

      // The hook did try: the request went out and was never answered.
      assertThat(collector.requests()).isEqualTo(1);
      assertThat(received).isEmpty();
      // The loss is not silent, although the JDK has reset java.util.logging by then: one line
      // with the count, the reason and the endpoint.
      assertThat(lossLine(run))
          .startsWith("TraceKit lost 100 spans at JVM exit (100 still queued or in flight when the 5.0 s"
              + " exit budget ran out: " + collector.endpoint() + " did not answer in time)")
          .contains("ended=100");
    }
  }

  @Test
  void aRejectedKeyAtExitIsOneLineNamingTheStatusAndItsHintWithoutWaiting() throws Exception {
    try (ScriptedOtlpReceiver backend = new ScriptedOtlpReceiver().behave(spans -> new MockResponse()).start(0)) {
      backend.behave(spans -> new MockResponse().setResponseCode(401));
      String endpoint = backend.endpoint();

      String line = lossLine(exitAndReport("jvm-exit-401", endpoint));

      assertThat(line).contains("(100 failed: Failed to export 100 spans to " + endpoint.replace("/v1", "/v1"))
          .contains("HTTP 401 (check the TraceKit API key)")
          .contains("failed=100");
    }
  }

  @Test
  void aClosedPortAtExitIsOneLineSayingConnectionRefusedWithoutWaiting() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port + "/v1/traces";

    String line = lossLine(exitAndReport("jvm-exit-refused", endpoint));

    assertThat(line).contains("(100 failed: Failed to export 100 spans to " + endpoint)
        .contains("connection refused")
        .contains("not retried at JVM exit")
        .contains("failed=100");
  }

  @Test
  void anUntrustedCertificateAtExitIsOneLineSayingTlsFailureWithoutWaiting() throws Exception {
    try (ScriptedOtlpReceiver backend = new ScriptedOtlpReceiver().behave(spans -> new MockResponse())) {
      HeldCertificate selfSigned =
          new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
      backend.server().useHttps(
          new HandshakeCertificates.Builder().heldCertificate(selfSigned).build().sslSocketFactory(), false);
      backend.start(0);
      String endpoint = "https://localhost:" + backend.server().getPort() + "/v1/traces";

      String line = lossLine(exitAndReport("jvm-exit-tls", endpoint));

      assertThat(line).contains("(100 failed: Failed to export 100 spans to " + endpoint)
          .contains("TLS failure")
          .contains("failed=100");
    }
  }

  @Test
  void anUnknownHostAtExitIsOneLineSayingSoWithoutWaiting() throws Exception {
    String endpoint = "https://no-such-collector.invalid/v1/traces";

    String line = lossLine(exitAndReport("jvm-exit-unknown-host", endpoint));

    assertThat(line).contains("(100 failed: Failed to export 100 spans to " + endpoint)
        .contains("unknown host")
        .contains("failed=100");
  }

  /**
   * Runs the app against {@code endpoint}, reports how long its exit took, and checks that it did
   * not wait out the hook's 5 s budget: a failure a retry cannot fix ends the hook at once.
   */
  private static ChildJvm.Result exitAndReport(String name, String endpoint) throws Exception {
    ChildJvm.Result run = ChildJvm.of(JvmExitApp.class)
        .option("-Dtracekit.endpoint=" + endpoint)
        .option("-Dtracekit.apiKey=" + TestSecrets.API_KEY)
        .option("-Dtracekit.scheduleDelayMillis=3600000")
        .args(String.valueOf(SEGMENTS))
        .run(name, CHILD_BOUND_SECONDS);
    run.assertSucceeded();
    long exitMillis = run.endedAtEpochMillis - run.number("MAIN_RETURNS");
    System.out.printf("%s: %d ms from main's return to exit%n", name, exitMillis);
    assertThat(exitMillis).as("exit delay, far under the 5 s budget; output:%n%s", run.output)
        .isLessThan(2_500);
    assertThat(TestSecrets.containsSecret(run.output)).isFalse();
    return run;
  }

  /** The one line of the output that reports the spans lost at exit. */
  private static String lossLine(ChildJvm.Result run) {
    List<String> lines = new ArrayList<>();
    for (String line : run.output.split("\\R")) {
      if (line.contains("TraceKit lost ")) {
        lines.add(line.substring(line.indexOf("TraceKit lost ")));
      }
    }
    assertThat(lines).as(run.output).hasSize(1);
    return lines.get(0);
  }

  private static ChildJvm child(LoopbackOtlpReceiver collector) {
    return ChildJvm.of(JvmExitApp.class)
        .option("-Dtracekit.endpoint=" + collector.endpoint())
        .option("-Dtracekit.apiKey=" + TestSecrets.API_KEY)
        .option("-Dtracekit.scheduleDelayMillis=3600000")
        .args(String.valueOf(SEGMENTS));
  }
}

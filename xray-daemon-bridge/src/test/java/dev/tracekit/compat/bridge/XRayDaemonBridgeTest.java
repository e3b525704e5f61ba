package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable entry: {@link XRayDaemonBridge#run}'s exit codes and messages (help, bad options,
 * addresses in use), and the real {@code main} in a child JVM that flushes on SIGTERM and exits 0.
 */
class XRayDaemonBridgeTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir Path temp;

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true);

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(err()).isEqualTo(BridgeOptions.USAGE);
    errBytes.reset();
    assertThat(run("-h")).isZero();
    assertThat(err()).contains("--bind", "--bind-tcp", "AWS_XRAY_DAEMON_ADDRESS", "TRACEKIT_API_KEY");
  }

  @Test
  void badOptionsExitTwoSayingWhyWithTheUsage() {
    assertThat(run("--bogus")).isEqualTo(XRayDaemonBridge.EXIT_USAGE);
    assertThat(err()).startsWith("xray-daemon-bridge: Unknown option --bogus").contains(BridgeOptions.USAGE);
    errBytes.reset();

    assertThat(XRayDaemonBridge.run(new String[0], Collections.singletonMap(BridgeOptions.ADDRESS_VARIABLE, "nowhere"), err))
        .isEqualTo(XRayDaemonBridge.EXIT_USAGE);
    assertThat(err()).contains(BridgeOptions.ADDRESS_VARIABLE, "nowhere");
  }

  @Test
  void samplingRulesThatCannotBeReadExitTwo() throws Exception {
    Path rules = temp.resolve("rules.json");
    Files.write(rules, "{\"version\":2,\"rules\":[".getBytes(StandardCharsets.UTF_8));

    assertThat(run("-b", "127.0.0.1:0", "-t", "127.0.0.1:0", "--sampling-rules", rules.toString()))
        .isEqualTo(XRayDaemonBridge.EXIT_USAGE);
    assertThat(err()).startsWith("xray-daemon-bridge: ");
    errBytes.reset();

    assertThat(run("-b", "127.0.0.1:0", "-t", "127.0.0.1:0", "--sampling-rules", temp.resolve("absent.json").toString()))
        .isEqualTo(XRayDaemonBridge.EXIT_USAGE);
    assertThat(err()).contains("absent.json");
  }

  @Test
  void aUdpPortInUseExitsThreeNamingTheAddress() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      int port = taken.getLocalPort();

      assertThat(run("-b", "127.0.0.1:" + port, "-t", "127.0.0.1:0")).isEqualTo(XRayDaemonBridge.EXIT_BIND);

      assertThat(err()).contains("UDP", "127.0.0.1:" + port).containsIgnoringCase("in use").contains("Another");
    }
  }

  @Test
  void aTcpPortInUseExitsThreeNamingTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
      int port = taken.getLocalPort();

      assertThat(run("-b", "127.0.0.1:0", "-t", "127.0.0.1:" + port)).isEqualTo(XRayDaemonBridge.EXIT_BIND);

      assertThat(err()).contains("TCP", "127.0.0.1:" + port).containsIgnoringCase("in use").contains("Another");
    }
  }

  @Test
  void bothPortsFromTheVariableInUseExitThree() throws Exception {
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      String address = "127.0.0.1:" + udp.getLocalPort();

      int code = XRayDaemonBridge.run(new String[0], Collections.singletonMap(BridgeOptions.ADDRESS_VARIABLE, address), err);

      assertThat(code).isEqualTo(XRayDaemonBridge.EXIT_BIND);
      assertThat(err()).contains(address).containsIgnoringCase("in use");
    }
  }

  /**
   * The real main in a child JVM, with an export delay of an hour so that only the flush at the
   * stop can deliver: datagrams in (their relay to a socket of the test's says the bridge has
   * taken each), SIGTERM, and every span at the collector, exit 0, and the last summary on stderr.
   */
  @Test
  void sigtermFlushesEverySpanAndExitsZeroWithTheLastSummary() throws Exception {
    try (ScriptedOtlpReceiver collector = new ScriptedOtlpReceiver().start(0).answerOk();
        DatagramSocket relay = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        DatagramSocket sender = new DatagramSocket()) {
      relay.setSoTimeout(30_000);
      Map<String, String> env = new HashMap<>();
      env.put("TRACEKIT_ENDPOINT", collector.endpoint());
      env.put("TRACEKIT_API_KEY", TestSecrets.API_KEY);
      env.put("TRACEKIT_SCHEDULE_DELAY_MILLIS", "3600000");
      try (BridgeProcess bridge =
          BridgeProcess.start(
              "bridge-sigterm", env, "-b", "127.0.0.1:0", "-t", "127.0.0.1:0",
              "--forward-to", "127.0.0.1:" + relay.getLocalPort())) {
        InetSocketAddress udp = bridge.awaitUdpAddress();
        List<byte[]> datagrams =
            Arrays.asList(
                Fixtures.bytes("go-segment.json"),
                Fixtures.bytes("go-subsegment-streamed.json"),
                Fixtures.bytes("python-streamed-1-validate-cart.json"), // its segment never comes
                "garbage".getBytes(StandardCharsets.US_ASCII));
        for (byte[] datagram : datagrams) {
          sender.send(new DatagramPacket(datagram, datagram.length, udp));
        }
        byte[] buffer = new byte[65_535];
        for (int i = 0; i < datagrams.size(); i++) {
          relay.receive(new DatagramPacket(buffer, buffer.length));
        }
        assertThat(collector.requestCount()).as("nothing exported before the stop").isZero();

        int exit = bridge.terminate(30);

        assertThat(exit).as("exit code; stderr:\n%s", bridge.stderr()).isZero();
        List<Span> spans = collector.spans();
        assertThat(spans).hasSize(13);
        collector.assertEveryPayloadWasValid();
        List<String> summaries = bridge.stderrLines("xray-daemon-bridge: 4 datagrams");
        assertThat(summaries).as("stderr:\n%s", bridge.stderr()).isNotEmpty();
        String last = summaries.get(summaries.size() - 1);
        assertThat(last)
            .contains("4 datagrams (1 segments, 2 subsegments sent alone, 0 in progress, 0 dropped with the intake behind, 1 malformed: no header 1")
            .contains("spans ended 13: exported 13, dropped 0, failed 0, queued 0")
            .contains("subsegments waiting for their segment 0, sent as unknown_service 1")
            .contains("forwarded 4 (not forwarded 0)");
        assertThat(TestSecrets.containsSecret(bridge.stderr() + bridge.stdout())).isFalse();
      }
    }
  }

  private int run(String... args) {
    return XRayDaemonBridge.run(args, Collections.<String, String>emptyMap(), err);
  }

  private String err() {
    return new String(errBytes.toByteArray(), StandardCharsets.UTF_8);
  }
}

package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.LogCapture;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The API key never reaches what the bridge logs or prints, through failures too; the bridge
 * listens on loopback unless told otherwise. (The sampling port's 404 for other paths is
 * SamplingServerTest's.)
 */
class BridgeSecurityTest {
  @Test
  void nothingTheBridgeLogsContainsTheApiKeyEvenWhenTraceKitRefusesIt() throws Exception {
    try (ScriptedOtlpReceiver collector = new ScriptedOtlpReceiver().start(0);
        LogCapture logs = new LogCapture()) {
      collector.behave(spans -> new MockResponse().setResponseCode(401).setBody("{\"error\":\"invalid API key\"}"));
      TraceKitConfig config =
          TraceKitConfig.builder()
              .setEndpoint(collector.endpoint())
              .setApiKey(TestSecrets.API_KEY)
              .setScheduleDelay(5, TimeUnit.MILLISECONDS)
              .setShutdownHook(false)
              .build();
      Bridge bridge = Bridges.start(config);
      try {
        Bridges.send(
            bridge,
            Arrays.asList(
                Fixtures.bytes("node-segment.json"),
                "not a datagram".getBytes(StandardCharsets.US_ASCII),
                Fixtures.bytes("python-streamed-1-validate-cart.json")));
        Bridges.awaitDatagrams(bridge, 3);
        assertThat(collector.awaitRequest()).isTrue();
      } finally {
        bridge.close();
      }

      RecordedRequest request = collector.server().takeRequest(10, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.getHeader("X-API-Key")).as("the key was in use").isEqualTo(TestSecrets.API_KEY);
      assertThat(bridge.pipelineStats().getSpansFailed()).isPositive();
      assertThat(logs.formatted()).as("what was logged").isNotEmpty();
      // (The malformed datagram's warning is rate-limited across the suite, so it may not be here.)
      assertThat(logs.formatted()).anyMatch(line -> line.contains("xray-daemon-bridge: 3 datagrams"));
      for (String line : logs.formatted()) {
        assertThat(TestSecrets.containsSecret(line)).as("logged: %s", line).isFalse();
      }
      assertThat(TestSecrets.containsSecret(Bridges.summary(bridge))).isFalse();
    }
  }

  @Test
  void theProcessWithTheKeyInItsEnvironmentNeverPrintsIt() throws Exception {
    try (ScriptedOtlpReceiver collector = new ScriptedOtlpReceiver().start(0)) {
      collector.behave(spans -> new MockResponse().setResponseCode(403).setBody("{\"error\":\"forbidden\"}"));
      Map<String, String> env = new HashMap<>();
      env.put("TRACEKIT_API_KEY", TestSecrets.API_KEY);
      env.put("TRACEKIT_ENDPOINT", collector.endpoint());
      env.put("TRACEKIT_SCHEDULE_DELAY_MILLIS", "5");
      try (BridgeProcess process = BridgeProcess.start("bridge-secret", env, "-b", "127.0.0.1:0", "-t", "127.0.0.1:0")) {
        byte[] segment = Fixtures.bytes("go-segment.json");
        try (java.net.DatagramSocket sender = new java.net.DatagramSocket()) {
          sender.send(new java.net.DatagramPacket(segment, segment.length, process.awaitUdpAddress()));
        }
        assertThat(collector.awaitRequest()).isTrue();

        assertThat(process.terminate(30)).isZero();

        String output = process.stderr() + process.stdout();
        assertThat(output).contains("API key set").contains("failed 9");
        assertThat(TestSecrets.containsSecret(output)).as(output).isFalse();
        assertThat(output).doesNotContain("listening beyond loopback");
      }
    }
  }

  @Test
  void theDefaultAddressesAreLoopback() throws Exception {
    BridgeOptions options = BridgeOptions.parse(new String[0], Collections.<String, String>emptyMap());

    assertThat(options.udp.getAddress().isLoopbackAddress()).isTrue();
    assertThat(options.tcp.getAddress().isLoopbackAddress()).isTrue();
    assertThat(BridgeOptions.USAGE).contains("(default 127.0.0.1:2000)");
  }
}

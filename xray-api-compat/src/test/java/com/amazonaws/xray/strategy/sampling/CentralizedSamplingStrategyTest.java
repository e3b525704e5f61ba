package com.amazonaws.xray.strategy.sampling;

import static com.amazonaws.xray.strategy.sampling.RuleFiles.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.compat.core.export.LogCapture;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralizedSamplingStrategyTest {
  private static final String DAEMON_ADDRESS_PROPERTY = "com.amazonaws.xray.emitters.daemonAddress";

  @TempDir Path dir;

  @Test
  void decidesWithTheGivenRuleFile() {
    URL url =
        RuleFiles.write(
            dir,
            "{\"version\":2,\"rules\":[{\"host\":\"*\",\"http_method\":\"GET\",\"url_path\":\"/x\","
                + "\"fixed_target\":0,\"rate\":1}],\"default\":{\"fixed_target\":0,\"rate\":0}}");
    CentralizedSamplingStrategy strategy = new CentralizedSamplingStrategy(url);

    assertThat(strategy.getSamplingManifestURL()).isEqualTo(url);
    assertThat(strategy.shouldTrace(request("h", "GET", "/x")).isSampled()).isTrue();
    assertThat(strategy.shouldTrace(request("h", "GET", "/y")).isSampled()).isFalse();
    assertThat(strategy.shouldTrace(request("h", "GET", "/x")).getRuleName()).isEmpty();
  }

  @Test
  void anInvalidRuleFileIsRejectedAsByTheLocalizedStrategy() {
    URL url = RuleFiles.write(dir, "{\"version\":3,\"default\":{\"fixed_target\":1,\"rate\":0}}");

    assertThatThrownBy(() -> new CentralizedSamplingStrategy(url))
        .hasMessage(
            "Invalid sampling rule manifest provided. Manifest version: 3 is not supported.");
  }

  @Test
  void withoutAFileUsesXRaysDefaultRule() {
    CentralizedSamplingStrategy strategy = new CentralizedSamplingStrategy();

    assertThat(strategy.getSamplingManifestURL()).isEqualTo(SamplingRuleFiles.DEFAULT_RULES);
    assertThat(new CentralizedSamplingStrategy(true).getSamplingManifestURL())
        .isEqualTo(SamplingRuleFiles.DEFAULT_RULES);
    assertThat(strategy.shouldTrace(request("h", "GET", "/")).isSampled())
        .as("the first request of a second comes from the 1/s reservoir")
        .isTrue();
    assertThat(new CentralizedSamplingStrategy((URL) null).getSamplingManifestURL()).isNull();
  }

  @Test
  void defaultSamplingStrategyIsXRaysDefaultRuleWithoutForcedSampling() {
    DefaultSamplingStrategy strategy = new DefaultSamplingStrategy();

    assertThat(strategy).isInstanceOf(CentralizedSamplingStrategy.class);
    assertThat(strategy.getSamplingManifestURL()).isEqualTo(SamplingRuleFiles.DEFAULT_RULES);
    assertThat(strategy.isForcedSamplingSupported()).isFalse();
    assertThat(strategy.shouldTrace(request("h", "GET", "/")).isSampled()).isTrue();
  }

  @Test
  void forcedSamplingSupportIsWhatTheConstructorSays() {
    assertThat(new CentralizedSamplingStrategy().isForcedSamplingSupported()).isFalse();
    assertThat(new CentralizedSamplingStrategy(true).isForcedSamplingSupported()).isTrue();
    assertThat(new CentralizedSamplingStrategy((URL) null, true).isForcedSamplingSupported())
        .isTrue();
  }

  @Test
  void keepsDecidingAfterShutdown() {
    CentralizedSamplingStrategy strategy = new CentralizedSamplingStrategy();
    strategy.shutdown();
    strategy.shutdown();

    assertThat(strategy.shouldTrace(request("h", "GET", "/")).isSampled()).isTrue();
  }

  @Test
  void clientIdIsTwentyFourUpperCaseHexDigitsStableForTheProcess() {
    String id = CentralizedSamplingStrategy.getClientID();

    assertThat(id).matches("[0-9A-F]{24}");
    assertThat(CentralizedSamplingStrategy.getClientID()).isSameAs(id);
    assertThat(DefaultSamplingStrategy.getClientID()).isSameAs(id);
  }

  @Test
  void neverStartsAThreadOrContactsADaemon() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket tcp = new ServerSocket(0, 50, loopback);
        DatagramSocket udp =
            new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
        LogCapture logs = new LogCapture()) {
      String previous =
          System.setProperty(
              DAEMON_ADDRESS_PROPERTY, loopback.getHostAddress() + ":" + tcp.getLocalPort());
      Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
      try {
        for (CentralizedSamplingStrategy strategy :
            new CentralizedSamplingStrategy[] {
              new CentralizedSamplingStrategy(),
              new CentralizedSamplingStrategy(true),
              new DefaultSamplingStrategy()
            }) {
          for (int i = 0; i < 1_000; i++) {
            strategy.shouldTrace(request("h", "GET", "/"));
          }
          strategy.shutdown();
        }
      } finally {
        restore(previous);
      }

      Set<String> started =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t))
              .map(Thread::getName)
              .collect(Collectors.toSet());
      assertThat(started).as("threads started").isEmpty();
      assertThat(logs.records()).as("log records").isEmpty();
      // Anything sent to the daemon address would already be queued on these sockets.
      tcp.setSoTimeout(1);
      assertThatThrownBy(tcp::accept).isInstanceOf(SocketTimeoutException.class);
      udp.setSoTimeout(1);
      assertThatThrownBy(() -> udp.receive(new DatagramPacket(new byte[64], 64)))
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  private static void restore(String previous) {
    if (previous == null) {
      System.clearProperty(DAEMON_ADDRESS_PROPERTY);
    } else {
      System.setProperty(DAEMON_ADDRESS_PROPERTY, previous);
    }
  }
}

package dev.tracekit.compat.xray.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code DaemonConfiguration} accepts, rejects and reports daemon addresses exactly as the real SDK
 * does, whichever way the address is given (system property, constructor-time; or one of the
 * setters at run time): the same program runs on both (see {@link XRayReference}) and must report
 * the same getters, or the same exception.
 */
class DaemonConfigurationReferenceTest {
  private static final List<String> WAYS =
      Arrays.asList(
          "fromProperty", "setDaemonAddress", "setUDPAndTCPAddress", "setUDPAddress", "setTCPAddress");

  static List<String> addresses() {
    return Arrays.asList(
        // Well formed.
        "127.0.0.1:2000",
        "localhost:3000",
        "udp:127.0.0.1:3000 tcp:127.0.0.2:4000",
        "tcp:127.0.0.2:4000 udp:127.0.0.1:3000",
        "127.0.0.1:0",
        "127.0.0.1:65535",
        // Spaces.
        " 127.0.0.1:3000 ",
        "udp:127.0.0.1:3000  tcp:127.0.0.2:4000",
        " udp:127.0.0.1:3000 tcp:127.0.0.2:4000 ",
        "udp:127.0.0.1:3000\ttcp:127.0.0.2:4000",
        "127.0.0.1 :3000",
        // One prefix only, or the same twice.
        "udp:127.0.0.1:3000",
        "tcp:127.0.0.2:4000",
        "udp:127.0.0.1:3000 udp:127.0.0.2:4000",
        "tcp:127.0.0.1:3000 tcp:127.0.0.2:4000",
        "udp:127.0.0.1:3000 tcp:127.0.0.2:4000 udp:127.0.0.3:5000",
        "UDP:127.0.0.1:3000 TCP:127.0.0.2:4000",
        "http:127.0.0.1:3000 tcp:127.0.0.2:4000",
        "http://127.0.0.1:3000",
        // Ports.
        "127.0.0.1",
        "127.0.0.1:",
        "127.0.0.1:65536",
        "127.0.0.1:-1",
        "127.0.0.1:abc",
        "127.0.0.1:99999999999",
        "udp:127.0.0.1:abc tcp:127.0.0.2:4000",
        "udp:127.0.0.1:3000 tcp:127.0.0.2:70000",
        // Hosts.
        "host",
        ":2000",
        "127.0.0.1:2000:3000",
        "a:b:c",
        "127.0.0.1:2000:",
        "127.0.0.1::2000",
        ":",
        "tcp:127.0.0.2:4000 udp:127.0.0.1:abc",
        "tcp:127.0.0.2:4000 udp:127.0.0.1:70000",
        "udp::3000 tcp::4000",
        "udp:127.0.0.1:3000: tcp:127.0.0.2:4000:",
        "[::1]:2000",
        "::1:2000",
        "[::1]",
        "udp:[::1]:3000 tcp:[::1]:4000",
        // Nothing.
        "",
        " ");
  }

  static Stream<Arguments> cases() {
    return WAYS.stream()
        .flatMap(way -> Stream.concat(addresses().stream(), Stream.of((String) null))
            .map(address -> Arguments.of(way, address)));
  }

  @ParameterizedTest(name = "{0}(\"{1}\")")
  @MethodSource("cases")
  void daemonAddressIsTakenOrRejectedLikeTheRealSdk(String way, String address) {
    Object real = XRayReference.REAL.call("scenarios.DaemonConfigurations", way, address);
    Object shim = XRayReference.SHIM.call("scenarios.DaemonConfigurations", way, address);
    assertThat(shim).as("%s(\"%s\")", way, address).isEqualTo(real);
  }

  /**
   * On a TCP part without a port the real SDK throws ArrayIndexOutOfBoundsException, even from its
   * constructor; the shim falls back there, and throws IllegalArgumentException at run time.
   */
  @Test
  void tcpPartWithoutPortIsRejectedWithoutBreakingTheApp() {
    String pair = "udp:127.0.0.1:3000 tcp:host";
    assertThat(XRayReference.REAL.call("scenarios.DaemonConfigurations", "fromProperty", pair).toString())
        .contains("ArrayIndexOutOfBoundsException");
    assertThat(XRayReference.SHIM.call("scenarios.DaemonConfigurations", "fromProperty", pair))
        .isEqualTo(XRayReference.REAL.call("scenarios.DaemonConfigurations", "fromProperty", (Object) null));
    assertThat(XRayReference.SHIM.call("scenarios.DaemonConfigurations", "setUDPAndTCPAddress", pair).toString())
        .contains("returned=false");
    assertThat(XRayReference.SHIM.call("scenarios.DaemonConfigurations", "setDaemonAddress", pair).toString())
        .contains("threw=java.lang.IllegalArgumentException: Invalid value for agent address: udp:127.0.0.1:3000 and tcp:host.");
  }

  @ParameterizedTest(name = "setTCPAddress(\"10.0.0.1:5000\"), then (\"{0}\")")
  @MethodSource("addresses")
  void tcpEndpointFollowsTheLastTcpAddressLikeTheRealSdk(String address) {
    Object real = XRayReference.REAL.call("scenarios.DaemonConfigurations", "setTCPAddressTwice", "10.0.0.1:5000", address);
    Object shim = XRayReference.SHIM.call("scenarios.DaemonConfigurations", "setTCPAddressTwice", "10.0.0.1:5000", address);
    assertThat(shim).as("setTCPAddress twice, then \"%s\"", address).isEqualTo(real);
  }
}

package dev.tracekit.compat.xray.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.config.DaemonConfiguration;
import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.xray.reference.XRayReference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code AWS_XRAY_DAEMON_ADDRESS} (which a JVM cannot set for itself) is read as the real SDK reads
 * it, with the same precedence over the system property, and a malformed one falls back to the
 * default: the same probe runs in a fresh JVM on the real SDK and on the shim. Unlike the real SDK
 * (which logs nothing at WARNING), the shim warns about a malformed address.
 */
class DaemonAddressEnvironmentTest {
  private static final String ENV = DaemonConfiguration.DAEMON_ADDRESS_ENVIRONMENT_VARIABLE_KEY;
  private static final String PROPERTY = DaemonConfiguration.DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY;
  private static final List<String> LINES = Arrays.asList("UDP", "TCP", "ENDPOINT", "OUTCOME");

  static Stream<Arguments> settings() {
    return Stream.of(
        Arguments.of("127.0.0.1:3000", null),
        Arguments.of("udp:127.0.0.1:3000 tcp:127.0.0.2:4000", null),
        Arguments.of("tcp:127.0.0.2:4000 udp:127.0.0.1:3000", null),
        Arguments.of("garbage", null),
        Arguments.of("127.0.0.1:abc", null),
        Arguments.of("udp:127.0.0.1:3000", null),
        Arguments.of("", null),
        Arguments.of(null, "127.0.0.1:4000"),
        Arguments.of(null, "garbage"),
        Arguments.of("127.0.0.1:3000", "127.0.0.1:4000"),
        Arguments.of("garbage", "127.0.0.1:4000"),
        Arguments.of("", "127.0.0.1:4000"));
  }

  @ParameterizedTest(name = "env \"{0}\", property \"{1}\"")
  @MethodSource("settings")
  void daemonAddressIsReadLikeTheRealSdk(String environment, String property) throws Exception {
    Map<String, String> real = probe(true, environment, property);
    Map<String, String> shim = probe(false, environment, property);
    real.remove("WARNED");
    shim.remove("WARNED");
    assertThat(shim).isEqualTo(real);
  }

  /** Where the real SDK's constructor throws into the app, the shim falls back to the default. */
  @Test
  void malformedPairFallsBackWhereTheRealSdkThrows() throws Exception {
    String pair = "udp:127.0.0.1:3000 tcp:host";
    assertThat(probe(true, pair, null).get("OUTCOME")).isEqualTo("threw java.lang.ArrayIndexOutOfBoundsException");
    Map<String, String> shim = probe(false, pair, null);
    assertThat(shim.get("UDP")).isEqualTo("localhost:2000");
    assertThat(shim.get("TCP")).isEqualTo("127.0.0.1:2000");
    assertThat(shim.get("OUTCOME")).isEqualTo("no exception");
    assertThat(shim.get("WARNED")).isEqualTo("true");
  }

  @Test
  void malformedEnvironmentVariableIsWarnedAbout() throws Exception {
    assertThat(probe(false, "garbage", null).get("WARNED")).isEqualTo("true");
    assertThat(probe(false, "127.0.0.1:3000", null).get("WARNED")).isEqualTo("false");
  }

  private static Map<String, String> probe(boolean real, String environment, String property) throws Exception {
    ChildJvm jvm = real
        ? XRayReference.REAL.childJvm("legacyapp.DaemonAddressProbe")
        : XRayReference.SHIM.childJvm("legacyapp.DaemonAddressProbe");
    if (environment != null) {
      jvm.env(ENV, environment);
    }
    if (property != null) {
      jvm.property(PROPERTY, property);
    }
    ChildJvm.Result run = jvm.run("daemon-address-" + (real ? "real" : "shim")).assertSucceeded();
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : LINES) {
      out.put(line, run.output.contains(line + " ") ? run.line(line) : null);
    }
    out.put("WARNED", run.line("WARNED"));
    return out;
  }
}

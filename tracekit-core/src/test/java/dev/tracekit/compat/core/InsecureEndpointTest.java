package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tracekit.compat.core.export.LogCapture;
import dev.tracekit.compat.core.export.OtlpHttpSpanExporter;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.util.Collections;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain {@code http://} carries the API key and the spans unencrypted, so it is refused unless the
 * host is loopback or insecure endpoints are explicitly allowed, whichever way the endpoint is
 * configured (code, system property, environment; the exporter's own builder too). Set in code it
 * throws; from a property or variable it makes spans print to stderr instead, and says why. Loopback
 * is decided by name, conservatively: other spellings of a loopback address count as remote.
 */
class InsecureEndpointTest {
  private static final Map<String, String> NONE = Collections.emptyMap();
  private static final String KEY = TestSecrets.API_KEY;

  /** Where an endpoint comes from, and the name an error must give. */
  enum Source {
    CODE("setEndpoint", endpoint -> TraceKitConfig.builder().setApiKey(KEY).setEndpoint(endpoint)
        .build(ConfigSource.empty())),
    PROPERTY("tracekit.endpoint", endpoint -> TraceKitConfig.builder().setApiKey(KEY)
        .build(ConfigSource.of(map("tracekit.endpoint", endpoint), NONE))),
    ENVIRONMENT("TRACEKIT_ENDPOINT", endpoint -> TraceKitConfig.builder().setApiKey(KEY)
        .build(ConfigSource.of(NONE, map("TRACEKIT_ENDPOINT", endpoint))));

    final String settingName;
    final Function<String, TraceKitConfig> build;

    Source(String settingName, Function<String, TraceKitConfig> build) {
      this.settingName = settingName;
      this.build = build;
    }
  }

  static final String[] REMOTE_HTTP = {
    "http://example.com/v1/traces",
    "http://collector.example.com:4318/v1/traces",
    "http://10.0.0.1/v1/traces",
    "http://203.0.113.7:4318/v1/traces",
    "HTTP://example.com/v1/traces",
    "Http://10.0.0.1/v1/traces",
    "http://[2001:db8::1]:4318/v1/traces",
    "http://[::ffff:10.0.0.1]/v1/traces",
    "http://0.0.0.0:4318/v1/traces",
    "http://localhost.example.com/v1/traces",
    "http://127.0.0.1.nip.io/v1/traces",
    // Other spellings of 127.0.0.1: they do reach loopback, but are not recognised by name.
    "http://2130706433/v1/traces",
    "http://0x7f000001/v1/traces",
    "http://127.1/v1/traces",
  };

  static final String[] LOOPBACK_HTTP = {
    "http://localhost:4318/v1/traces",
    "http://LocalHost:4318/v1/traces",
    "HTTP://localhost/v1/traces",
    "http://collector.localhost:4318/v1/traces",
    "http://127.0.0.1:4318/v1/traces",
    "http://127.0.0.2/v1/traces",
    "http://127.255.255.254/v1/traces",
    "http://[::1]:4318/v1/traces",
    "http://[0:0:0:0:0:0:0:1]/v1/traces",
    "http://[::ffff:127.0.0.1]:4318/v1/traces",
  };

  static Stream<Arguments> remoteHttpFromEverySource() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Source source : Source.values()) {
      for (String endpoint : REMOTE_HTTP) {
        cases.add(Arguments.of(source, endpoint));
      }
    }
    return cases.build();
  }

  static Stream<Arguments> loopbackHttpFromEverySource() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Source source : Source.values()) {
      for (String endpoint : LOOPBACK_HTTP) {
        cases.add(Arguments.of(source, endpoint));
      }
    }
    return cases.build();
  }

  /**
   * Why {@code source} refuses {@code endpoint}: the exception's message when it was set in code,
   * else the export problem of a configuration whose spans print to stderr instead.
   */
  private static String refusal(Source source, String endpoint) {
    if (source == Source.CODE) {
      Throwable thrown = catchThrowable(() -> source.build.apply(endpoint));
      assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
      return thrown.getMessage();
    }
    TraceKitConfig config = source.build.apply(endpoint);
    assertThat(config.getExporterType()).isEqualTo(ExporterType.CONSOLE);
    assertThat(config.getExportProblem()).isNotNull();
    assertThat(config.describe()).contains("exporter console").contains(config.getExportProblem());
    return config.getExportProblem();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("remoteHttpFromEverySource")
  void plainHttpToARemoteHostIsRefusedNamingTheSettingAndTheSwitchButNotTheKey(
      Source source, String endpoint) {
    assertThat(refusal(source, endpoint))
        .contains(source.settingName)
        .contains("plain http://")
        .contains("TRACEKIT_ALLOW_INSECURE")
        .satisfies(m -> assertThat(TestSecrets.containsSecret(m)).isFalse());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("loopbackHttpFromEverySource")
  void plainHttpToLoopbackIsAccepted(Source source, String endpoint) {
    TraceKitConfig config = source.build.apply(endpoint);

    assertThat(config.getEndpoint()).startsWith("http://");
  }

  @ParameterizedTest
  @ValueSource(strings = {"setAllowInsecure", "tracekit.allowInsecure", "TRACEKIT_ALLOW_INSECURE"})
  void plainHttpToARemoteHostIsAcceptedOnlyWhenExplicitlyAllowed(String switchName) {
    String endpoint = "http://collector.example.com:4318/v1/traces";
    TraceKitConfig.Builder builder = TraceKitConfig.builder().setApiKey(KEY).setEndpoint(endpoint);
    ConfigSource source = ConfigSource.empty();
    if (switchName.equals("setAllowInsecure")) {
      builder.setAllowInsecure(true);
    } else if (switchName.equals("tracekit.allowInsecure")) {
      source = ConfigSource.of(map(switchName, "true"), NONE);
    } else {
      source = ConfigSource.of(NONE, map(switchName, "TRUE"));
    }

    TraceKitConfig config = builder.build(source);

    assertThat(config.getEndpoint()).isEqualTo(endpoint);
    assertThat(config.isAllowInsecure()).isTrue();
  }

  @Test
  void allowInsecureSetToFalseKeepsRefusing() {
    assertThatThrownBy(
            () ->
                TraceKitConfig.builder()
                    .setEndpoint("http://10.0.0.1/v1/traces")
                    .build(ConfigSource.of(NONE, map("TRACEKIT_ALLOW_INSECURE", "false"))))
        .hasMessageContaining("setEndpoint");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://alice:%s@app.tracekit.dev/v1/traces",
        "https://%s@app.tracekit.dev/v1/traces",
        "http://alice:%s@localhost:4318/v1/traces",
        "HTTPS://alice:%s@203.0.113.7/v1/traces",
      })
  void credentialsInTheEndpointAreRefusedWithoutEchoingThem(String template) {
    String endpoint = String.format(template, TestSecrets.secret("password"));
    for (Source source : Source.values()) {
      assertThat(refusal(source, endpoint))
          .contains(source.settingName)
          .contains("credentials")
          .satisfies(m -> assertThat(TestSecrets.containsSecret(m)).isFalse())
          .doesNotContain("alice");
    }
  }

  @Test
  void theRealSystemPropertiesRefusePlainHttpToARemoteHostOnceAtSevere() {
    System.setProperty("tracekit.endpoint", "http://10.0.0.9:4318/v1/traces");
    try (LogCapture logs = new LogCapture()) {
      TraceKitConfig first = TraceKitConfig.builder().setApiKey(KEY).build();
      TraceKitConfig second = TraceKitConfig.builder().setApiKey(KEY).build();

      assertThat(first.getExporterType()).isEqualTo(ExporterType.CONSOLE);
      assertThat(second.getExportProblem()).isEqualTo(first.getExportProblem());
      assertThat(logs.records())
          .filteredOn(r -> r.getLevel() == Level.SEVERE)
          .singleElement()
          .satisfies(r -> assertThat(r.getMessage())
              .contains("TraceKit cannot send spans: tracekit.endpoint uses plain http://")
              .contains("They print to stderr instead"))
          .satisfies(r -> assertThat(TestSecrets.containsSecret(r.getMessage())).isFalse());
    } finally {
      System.clearProperty("tracekit.endpoint");
    }
  }

  @ParameterizedTest
  @MethodSource("remoteHttp")
  void theExporterBuiltDirectlyRefusesPlainHttpToARemoteHostToo(String endpoint) {
    OtlpHttpSpanExporter.Builder builder =
        OtlpHttpSpanExporter.builder().setApiKey(KEY).setEndpoint(endpoint);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("setAllowInsecure")
        .satisfies(e -> assertThat(TestSecrets.containsSecret(e.getMessage())).isFalse());
    builder.setAllowInsecure(true).build().shutdown();
  }

  @ParameterizedTest
  @MethodSource("loopbackHttp")
  void theExporterBuiltDirectlyAcceptsPlainHttpToLoopback(String endpoint) {
    OtlpHttpSpanExporter.builder().setApiKey(KEY).setEndpoint(endpoint).build().shutdown();
  }

  static Stream<String> remoteHttp() {
    return Stream.of(REMOTE_HTTP);
  }

  static Stream<String> loopbackHttp() {
    return Stream.of(LOOPBACK_HTTP);
  }

  private static Map<String, String> map(String key, String value) {
    return Collections.singletonMap(key, value);
  }
}

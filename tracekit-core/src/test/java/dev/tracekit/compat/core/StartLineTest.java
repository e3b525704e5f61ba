package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.export.LogCapture;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One INFO line at start says what is in effect (exporter, endpoint, service, sampling, whether a
 * key is set, never the key), and {@code TRACEKIT_LOG_LEVEL} quiets it.
 */
class StartLineTest {
  private static final Map<String, String> NONE = Collections.emptyMap();

  @AfterEach
  void stop() {
    System.clearProperty(LogLevel.PROPERTY);
    TraceKit.shutdown(10, TimeUnit.SECONDS);
  }

  @Test
  void anOtlpPipelineNamesItsEndpointServiceSamplingAndThatAKeyIsSet() {
    TraceKitConfig config = TraceKitConfig.builder()
        .setApiKey(TestSecrets.API_KEY)
        .setEndpoint("https://collector.example.com:4318/v1/traces?token=" + TestSecrets.secret("query"))
        .setServiceName("checkout")
        .setSampleRate(0.25)
        .build(ConfigSource.empty());

    assertThat(config.describe())
        .isEqualTo("exporter otlp (http/protobuf) to https://collector.example.com:4318/v1/traces,"
            + " service checkout,"
            + " sampling parent-based, 0.25 of new traces, API key set");
  }

  @Test
  void theLineNamesTheProtocolInEffect() {
    Map<String, String> env = new HashMap<>();
    env.put("TRACEKIT_API_KEY", TestSecrets.API_KEY);
    env.put("TRACEKIT_PROTOCOL", "http/json");

    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.of(NONE, env));

    assertThat(config.describe())
        .startsWith("exporter otlp (http/json) to https://app.tracekit.dev/v1/traces,");
  }

  @Test
  void withoutAKeyOrEndpointItSaysSpansPrintAndHowToSendThem() {
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.empty());

    assertThat(config.describe())
        .startsWith("exporter console (stderr; set TRACEKIT_API_KEY to send spans to TraceKit)")
        .endsWith("sampling parent-based, every new trace, API key not set");
  }

  @ParameterizedTest
  @CsvSource({
    "TRACEKIT_EXPORTER, none, exporter none (spans are not sent)",
    "TRACEKIT_ENABLED, false, TraceKit is disabled",
    "OTEL_SDK_DISABLED, true, TraceKit is disabled",
    "OTEL_TRACES_SAMPLER, always_off, sampling OTEL_TRACES_SAMPLER=always_off (AlwaysOffSampler)",
  })
  void theLineFollowsTheSettings(String name, String value, String expected) {
    TraceKitConfig config =
        TraceKitConfig.builder().build(ConfigSource.of(NONE, Collections.singletonMap(name, value)));

    assertThat(config.describe()).contains(expected);
  }

  @Test
  void initLogsTheLineOnceAtInfo() {
    try (LogCapture logs = new LogCapture()) {
      TraceKit.init(null, TraceKit.withExporter(ExporterType.NONE), TraceKit.withShutdownHook(false),
          TraceKit.withService("start-line"));

      List<String> info = logs.messagesAt(Level.INFO);
      assertThat(info).filteredOn(m -> m.startsWith("TraceKit started: ")).singleElement()
          .satisfies(m -> assertThat(m).contains("exporter none").contains("service start-line"));
    }
  }

  @Test
  void aLogLevelOfWarningQuietsIt() {
    try (LogCapture logs = new LogCapture()) {
      System.setProperty(LogLevel.PROPERTY, "warning");
      TraceKit.init(null, TraceKit.withExporter(ExporterType.NONE), TraceKit.withShutdownHook(false));

      assertThat(logs.messagesAt(Level.INFO)).noneMatch(m -> m.startsWith("TraceKit started: "));
    }
  }

  @ParameterizedTest
  @CsvSource({"off, OFF", "ERROR, SEVERE", "warn, WARNING", "Info, INFO", "debug, FINE", "finest, ALL"})
  void logLevelsAreReadInEitherVocabulary(String text, String level) {
    assertThat(LogLevel.parse(text)).isEqualTo(Level.parse(level));
  }

  @Test
  void anUnknownLogLevelIsNoLevel() {
    assertThat(LogLevel.parse("loud")).isNull();
  }
}

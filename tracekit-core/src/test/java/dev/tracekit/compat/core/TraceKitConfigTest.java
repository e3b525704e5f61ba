package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import dev.tracekit.compat.core.export.OtlpProtocol;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.SpanLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceKitConfigTest {
  /** A valid key set in code for every invalid-setting case: it must never show in a message. */
  private static final String SECRET_KEY = TestSecrets.apiKey("S3CR3T_do_not_leak_0042");
  private static final String CODE_KEY = TestSecrets.apiKey("code");
  private static final String PROP_KEY = TestSecrets.apiKey("prop");
  private static final String ENV_KEY = TestSecrets.apiKey("env");
  private static final String LEAKY = TestSecrets.apiKey("LEAKY01");

  private static final Map<String, String> NONE = Collections.emptyMap();

  // --- precedence ---

  /** One setting: how to set it in code, its two names, values for each source, its getter. */
  static final class Setting {
    final String name;
    final String property;
    final String variable;
    final Consumer<TraceKitConfig.Builder> code;
    final Object codeValue;
    final String propertyText;
    final Object propertyValue;
    final String variableText;
    final Object variableValue;
    final Object defaultValue;
    final Function<TraceKitConfig, Object> getter;

    Setting(
        String name,
        String property,
        String variable,
        Consumer<TraceKitConfig.Builder> code,
        Object codeValue,
        String propertyText,
        Object propertyValue,
        String variableText,
        Object variableValue,
        Object defaultValue,
        Function<TraceKitConfig, Object> getter) {
      this.name = name;
      this.property = property;
      this.variable = variable;
      this.code = code;
      this.codeValue = codeValue;
      this.propertyText = propertyText;
      this.propertyValue = propertyValue;
      this.variableText = variableText;
      this.variableValue = variableValue;
      this.defaultValue = defaultValue;
      this.getter = getter;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Setting> settings() {
    return Stream.of(
        new Setting("apiKey", "tracekit.apiKey", "TRACEKIT_API_KEY",
            b -> b.setApiKey(CODE_KEY), CODE_KEY, PROP_KEY, PROP_KEY, ENV_KEY, ENV_KEY,
            null, TraceKitConfig::getApiKey),
        new Setting("serviceName", "tracekit.serviceName", "TRACEKIT_SERVICE_NAME",
            b -> b.setServiceName("code-svc"), "code-svc", "prop-svc", "prop-svc", "env-svc",
            "env-svc", "unknown_service:java", TraceKitConfig::getServiceName),
        new Setting("environment", "tracekit.environment", "TRACEKIT_ENVIRONMENT",
            b -> b.setEnvironment("code-env"), "code-env", "staging", "staging", "prod", "prod",
            null, TraceKitConfig::getEnvironment),
        new Setting("serviceVersion", "tracekit.serviceVersion", "TRACEKIT_SERVICE_VERSION",
            b -> b.setServiceVersion("3.0"), "3.0", "2.0", "2.0", "1.0", "1.0", null,
            TraceKitConfig::getServiceVersion),
        new Setting("endpoint", "tracekit.endpoint", "TRACEKIT_ENDPOINT",
            b -> b.setEndpoint("https://code.example.com/v1/traces"),
            "https://code.example.com/v1/traces",
            "https://prop.example.com/v1/traces", "https://prop.example.com/v1/traces",
            "https://env.example.com/v1/traces", "https://env.example.com/v1/traces",
            "https://app.tracekit.dev/v1/traces", TraceKitConfig::getEndpoint),
        new Setting("sampleRate", "tracekit.samplingRate", "TRACEKIT_SAMPLING_RATE",
            b -> b.setSampleRate(0.25), 0.25, "0.5", 0.5, "0.75", 0.75, 1.0,
            TraceKitConfig::getSampleRate),
        new Setting("enabled", "tracekit.enabled", "TRACEKIT_ENABLED",
            b -> b.setEnabled(false), false, "TRUE", true, "false", false, true,
            TraceKitConfig::isEnabled),
        new Setting("exporter", "tracekit.exporter", "TRACEKIT_EXPORTER",
            b -> b.setExporterType(ExporterType.NONE), ExporterType.NONE,
            "OTLP", ExporterType.OTLP, "none", ExporterType.NONE, ExporterType.CONSOLE,
            TraceKitConfig::getExporterType),
        new Setting("allowInsecure", "tracekit.allowInsecure", "TRACEKIT_ALLOW_INSECURE",
            b -> b.setAllowInsecure(true), true, "false", false, "true", true, false,
            TraceKitConfig::isAllowInsecure),
        new Setting("compression", "tracekit.compression", "TRACEKIT_COMPRESSION",
            b -> b.setGzip(true), true, "none", false, "GZIP", true, false,
            TraceKitConfig::isGzip),
        new Setting("protocol", "tracekit.protocol", "TRACEKIT_PROTOCOL",
            b -> b.setProtocol(OtlpProtocol.HTTP_JSON), OtlpProtocol.HTTP_JSON,
            "http/json", OtlpProtocol.HTTP_JSON, "HTTP/JSON", OtlpProtocol.HTTP_JSON,
            OtlpProtocol.HTTP_PROTOBUF, TraceKitConfig::getProtocol),
        new Setting("maxQueueSize", "tracekit.maxQueueSize", "TRACEKIT_MAX_QUEUE_SIZE",
            b -> b.setMaxQueueSize(100), 100, "200", 200, "300", 300, 8192,
            TraceKitConfig::getMaxQueueSize),
        new Setting("maxExportBatchSize", "tracekit.maxExportBatchSize",
            "TRACEKIT_MAX_EXPORT_BATCH_SIZE",
            b -> b.setMaxExportBatchSize(10), 10, "20", 20, "30", 30, 512,
            TraceKitConfig::getMaxExportBatchSize),
        new Setting("scheduleDelay", "tracekit.scheduleDelayMillis",
            "TRACEKIT_SCHEDULE_DELAY_MILLIS",
            b -> b.setScheduleDelay(5, TimeUnit.SECONDS), 5000L, "250", 250L, "750", 750L, 1000L,
            TraceKitConfig::getScheduleDelayMillis),
        new Setting("exportTimeout", "tracekit.exportTimeoutMillis",
            "TRACEKIT_EXPORT_TIMEOUT_MILLIS",
            b -> b.setExportTimeout(3, TimeUnit.SECONDS), 3000L, "4000", 4000L, "6000", 6000L,
            10000L, TraceKitConfig::getExportTimeoutMillis),
        new Setting("maxConcurrentExports", "tracekit.maxConcurrentExports",
            "TRACEKIT_MAX_CONCURRENT_EXPORTS",
            b -> b.setMaxConcurrentExports(4), 4, "3", 3, "2", 2, 1,
            TraceKitConfig::getMaxConcurrentExports),
        new Setting("maxAttributes", "tracekit.maxAttributes", "TRACEKIT_MAX_ATTRIBUTES",
            b -> b.setMaxAttributes(5), 5, "6", 6, "7", 7, 128,
            c -> c.getSpanLimits().getMaxAttributes()),
        new Setting("maxAttributeValueLength", "tracekit.maxAttributeValueLength",
            "TRACEKIT_MAX_ATTRIBUTE_VALUE_LENGTH",
            b -> b.setMaxAttributeValueLength(50), 50, "60", 60, "70", 70, 8192,
            c -> c.getSpanLimits().getMaxAttributeValueLength()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void codeWinsOverSystemPropertyAndEnvironment(Setting s) {
    TraceKitConfig.Builder builder = TraceKitConfig.builder();
    s.code.accept(builder);
    TraceKitConfig config =
        builder.build(
            ConfigSource.of(map(s.property, s.propertyText), map(s.variable, s.variableText)));

    assertThat(s.getter.apply(config)).isEqualTo(s.codeValue);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void systemPropertyWinsOverEnvironment(Setting s) {
    TraceKitConfig config =
        TraceKitConfig.builder()
            .build(
                ConfigSource.of(map(s.property, s.propertyText), map(s.variable, s.variableText)));

    assertThat(s.getter.apply(config)).isEqualTo(s.propertyValue);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void environmentWinsOverDefault(Setting s) {
    TraceKitConfig config =
        TraceKitConfig.builder().build(ConfigSource.of(NONE, map(s.variable, s.variableText)));

    assertThat(s.getter.apply(config)).isEqualTo(s.variableValue);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void defaultWhenNothingIsSet(Setting s) {
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.empty());

    assertThat(s.getter.apply(config)).isEqualTo(s.defaultValue);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void blankSystemPropertyCountsAsUnset(Setting s) {
    TraceKitConfig config =
        TraceKitConfig.builder()
            .build(ConfigSource.of(map(s.property, "  "), map(s.variable, s.variableText)));

    assertThat(s.getter.apply(config)).isEqualTo(s.variableValue);
  }

  // --- defaults ---

  @Test
  void defaultsWhenNothingIsConfigured() {
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.empty());

    assertThat(config.getApiKey()).isNull();
    assertThat(config.getEndpoint()).isEqualTo("https://app.tracekit.dev/v1/traces");
    assertThat(config.getEndpoint()).isEqualTo(TraceKitConfig.DEFAULT_ENDPOINT);
    assertThat(config.getExporterType()).isEqualTo(ExporterType.CONSOLE);
    assertThat(config.getSampleRate()).isEqualTo(1.0);
    assertThat(config.isEnabled()).isTrue();
    assertThat(config.isGzip()).isFalse();
    assertThat(config.getProtocol()).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
    assertThat(config.isAllowInsecure()).isFalse();
    assertThat(config.getMaxQueueSize()).isEqualTo(8192);
    assertThat(config.getMaxExportBatchSize()).isEqualTo(512);
    assertThat(config.getScheduleDelayMillis()).isEqualTo(1000);
    assertThat(config.getExportTimeoutMillis()).isEqualTo(10_000);
    assertThat(config.getMaxConcurrentExports()).isEqualTo(1);
    assertThat(config.getSpanLimits()).isEqualTo(SpanLimits.getDefault());
    assertThat(config.getServiceName()).isEqualTo("unknown_service:java");
    assertThat(config.getEnvironment()).isNull();
    assertThat(config.getServiceVersion()).isNull();
    assertThat(config.getResourceAttributes()).isEmpty();
    assertThat(config.getSpanExporter()).isNull();
    assertThat(config.getSampler()).isNull();
    assertThat(config.isShutdownHookEnabled()).isTrue();
  }

  @Test
  void otlpExporterWhenAnApiKeyIsSetInCode() {
    TraceKitConfig config =
        TraceKitConfig.builder().setApiKey(TestSecrets.API_KEY).build(ConfigSource.empty());

    assertThat(config.getExporterType()).isEqualTo(ExporterType.OTLP);
  }

  @Test
  void otlpExporterWhenAnApiKeyComesFromTheEnvironment() {
    TraceKitConfig config =
        TraceKitConfig.builder()
            .build(ConfigSource.of(NONE, map("TRACEKIT_API_KEY", TestSecrets.API_KEY)));

    assertThat(config.getExporterType()).isEqualTo(ExporterType.OTLP);
  }

  @Test
  void otlpExporterWhenOnlyAnEndpointIsSet() {
    TraceKitConfig config =
        TraceKitConfig.builder()
            .build(
                ConfigSource.of(map("tracekit.endpoint", "http://localhost:4318/v1/traces"), NONE));

    assertThat(config.getApiKey()).isNull();
    assertThat(config.getExporterType()).isEqualTo(ExporterType.OTLP);
  }

  @Test
  void explicitExporterWinsOverTheKeyBasedDefault() {
    TraceKitConfig config =
        TraceKitConfig.builder()
            .setApiKey(TestSecrets.API_KEY)
            .build(ConfigSource.of(NONE, map("TRACEKIT_EXPORTER", "console")));

    assertThat(config.getExporterType()).isEqualTo(ExporterType.CONSOLE);
  }

  @Test
  void blankApiKeyInTheEnvironmentCountsAsUnset() {
    TraceKitConfig config =
        TraceKitConfig.builder().build(ConfigSource.of(NONE, map("TRACEKIT_API_KEY", "   ")));

    assertThat(config.getApiKey()).isNull();
    assertThat(config.getExporterType()).isEqualTo(ExporterType.CONSOLE);
  }

  @Test
  void apiKeyIsTrimmed() {
    TraceKitConfig config =
        TraceKitConfig.builder()
            .build(
                ConfigSource.of(NONE, map("TRACEKIT_API_KEY", "  " + TestSecrets.API_KEY + "\n")));

    assertThat(config.getApiKey()).isEqualTo(TestSecrets.API_KEY);
  }

  @Test
  void sampleRateBoundsAreAccepted() {
    assertThat(
            TraceKitConfig.builder().setSampleRate(0.0).build(ConfigSource.empty()).getSampleRate())
        .isEqualTo(0.0);
    assertThat(
            TraceKitConfig.builder()
                .build(ConfigSource.of(NONE, map("TRACEKIT_SAMPLING_RATE", "1")))
                .getSampleRate())
        .isEqualTo(1.0);
  }

  @Test
  void resourceAttributesKeepInsertionOrder() {
    TraceKitConfig config =
        TraceKitConfig.builder()
            .putResourceAttribute("b", "2")
            .putResourceAttribute("a", "1")
            .build(ConfigSource.empty());

    assertThat(config.getResourceAttributes()).containsExactly(entry("b", "2"), entry("a", "1"));
  }

  // --- endpoints ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:4318/v1/traces",
        "http://LOCALHOST:4318/v1/traces",
        "http://127.0.0.1:4318/v1/traces",
        "http://127.1.2.3/v1/traces",
        "http://[::1]:4318/v1/traces",
        "https://collector.example.com/v1/traces",
        "https://203.0.113.7:4318/v1/traces"
      })
  void acceptsHttpsAnywhereAndPlainHttpToLoopback(String endpoint) {
    TraceKitConfig config =
        TraceKitConfig.builder().setEndpoint(endpoint).build(ConfigSource.empty());

    assertThat(config.getEndpoint()).isEqualToIgnoringCase(endpoint);
  }

  @Test
  void allowInsecureFromTheEnvironmentAllowsPlainHttpToAnyHost() {
    TraceKitConfig config =
        TraceKitConfig.builder()
            .build(
                ConfigSource.of(
                    NONE,
                    map(
                        "TRACEKIT_ENDPOINT", "http://collector.example.com:4318/v1/traces",
                        "TRACEKIT_ALLOW_INSECURE", "true")));

    assertThat(config.getEndpoint()).isEqualTo("http://collector.example.com:4318/v1/traces");
    assertThat(config.isAllowInsecure()).isTrue();
  }

  @Test
  void allowInsecureInCodeAllowsPlainHttpToAnyHost() {
    TraceKitConfig config =
        TraceKitConfig.builder()
            .setAllowInsecure(true)
            .setEndpoint("http://collector.example.com/v1/traces")
            .build(ConfigSource.empty());

    assertThat(config.getEndpoint()).isEqualTo("http://collector.example.com/v1/traces");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://collector.example.com/v1/traces",
        "http://127.0.0.1.example.com/v1/traces",
        "http://localhost.example.com/v1/traces",
        "http://203.0.113.7:4318/v1/traces"
      })
  void refusesPlainHttpToHostsThatAreNotLoopback(String endpoint) {
    assertThatThrownBy(
            () -> TraceKitConfig.builder().setEndpoint(endpoint).build(ConfigSource.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("setEndpoint")
        .hasMessageContaining("TRACEKIT_ALLOW_INSECURE");
  }

  @Test
  void endpointCredentialsAreRefusedWithoutBeingEchoed() {
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.of(NONE,
        map("TRACEKIT_ENDPOINT", "https://alice:hunter2@app.tracekit.dev/v1/traces")));

    assertThat(config.getExportProblem()).contains("TRACEKIT_ENDPOINT").doesNotContain("hunter2");
    assertThat(config.describe() + config).doesNotContain("hunter2");
  }

  // --- invalid values ---

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        // sampling rate
        invalid("TRACEKIT_SAMPLING_RATE", env("TRACEKIT_SAMPLING_RATE", "ten percent")),
        invalid("tracekit.samplingRate", prop("tracekit.samplingRate", "-0.1")),
        invalid("TRACEKIT_SAMPLING_RATE", env("TRACEKIT_SAMPLING_RATE", "1.5")),
        invalid("TRACEKIT_SAMPLING_RATE", env("TRACEKIT_SAMPLING_RATE", "NaN")),
        invalid("tracekit.samplingRate", prop("tracekit.samplingRate", "Infinity")),
        invalid("setSampleRate", code(b -> b.setSampleRate(Double.NaN))),
        invalid("setSampleRate", code(b -> b.setSampleRate(-0.01))),
        invalid("setSampleRate", code(b -> b.setSampleRate(1.0001))),
        invalid("setSampleRate", code(b -> b.setSampleRate(Double.POSITIVE_INFINITY))),
        // booleans
        invalid("TRACEKIT_ENABLED", env("TRACEKIT_ENABLED", "yes")),
        invalid("tracekit.enabled", prop("tracekit.enabled", "1")),
        invalid("TRACEKIT_ALLOW_INSECURE", env("TRACEKIT_ALLOW_INSECURE", "on")),
        // exporter, compression and protocol
        invalid("TRACEKIT_EXPORTER", env("TRACEKIT_EXPORTER", "jaeger")),
        invalid("tracekit.exporter", prop("tracekit.exporter", "xray")),
        invalid("TRACEKIT_COMPRESSION", env("TRACEKIT_COMPRESSION", "zstd")),
        invalid("tracekit.compression", prop("tracekit.compression", "true")),
        invalid("TRACEKIT_PROTOCOL", env("TRACEKIT_PROTOCOL", "grpc")),
        invalid("tracekit.protocol", prop("tracekit.protocol", "protobuf")),
        // sizes and durations from the environment or system properties
        invalid("TRACEKIT_MAX_QUEUE_SIZE", env("TRACEKIT_MAX_QUEUE_SIZE", "0")),
        invalid("TRACEKIT_MAX_QUEUE_SIZE", env("TRACEKIT_MAX_QUEUE_SIZE", "-1")),
        invalid("TRACEKIT_MAX_QUEUE_SIZE", env("TRACEKIT_MAX_QUEUE_SIZE", "lots")),
        invalid("TRACEKIT_MAX_QUEUE_SIZE", env("TRACEKIT_MAX_QUEUE_SIZE", "1.5")),
        invalid("TRACEKIT_MAX_QUEUE_SIZE", env("TRACEKIT_MAX_QUEUE_SIZE", "99999999999")),
        invalid("tracekit.maxExportBatchSize", prop("tracekit.maxExportBatchSize", "0")),
        invalid("TRACEKIT_MAX_CONCURRENT_EXPORTS", env("TRACEKIT_MAX_CONCURRENT_EXPORTS", "0")),
        invalid("tracekit.maxConcurrentExports", prop("tracekit.maxConcurrentExports", "17")),
        invalid("setMaxConcurrentExports", code(b -> b.setMaxConcurrentExports(-2))),
        invalid("TRACEKIT_SCHEDULE_DELAY_MILLIS", env("TRACEKIT_SCHEDULE_DELAY_MILLIS", "0")),
        invalid("TRACEKIT_SCHEDULE_DELAY_MILLIS", env("TRACEKIT_SCHEDULE_DELAY_MILLIS", "1s")),
        invalid("tracekit.exportTimeoutMillis", prop("tracekit.exportTimeoutMillis", "-5")),
        invalid("TRACEKIT_EXPORT_TIMEOUT_MILLIS", env("TRACEKIT_EXPORT_TIMEOUT_MILLIS", "ten")),
        invalid("TRACEKIT_MAX_ATTRIBUTES", env("TRACEKIT_MAX_ATTRIBUTES", "0")),
        invalid(
            "tracekit.maxAttributeValueLength", prop("tracekit.maxAttributeValueLength", "-3")),
        // sizes and durations from code
        invalid("setMaxQueueSize", code(b -> b.setMaxQueueSize(0))),
        invalid("setMaxExportBatchSize", code(b -> b.setMaxExportBatchSize(-1))),
        invalid("setScheduleDelay", code(b -> b.setScheduleDelay(0, TimeUnit.MILLISECONDS))),
        invalid("setScheduleDelay", code(b -> b.setScheduleDelay(-1, TimeUnit.SECONDS))),
        invalid("setExportTimeout", code(b -> b.setExportTimeout(0, TimeUnit.MILLISECONDS))),
        invalid("setMaxAttributes", code(b -> b.setMaxAttributes(0))),
        invalid("setMaxAttributeValueLength", code(b -> b.setMaxAttributeValueLength(0))),
        // endpoints
        invalid("TRACEKIT_ENDPOINT", env("TRACEKIT_ENDPOINT", "not a url")),
        invalid("TRACEKIT_ENDPOINT", env("TRACEKIT_ENDPOINT", "ftp://app.tracekit.dev/v1/traces")),
        invalid("tracekit.endpoint", prop("tracekit.endpoint", "app.tracekit.dev/v1/traces")),
        invalid("setEndpoint", code(b -> b.setEndpoint("mailto:ops@example.com"))),
        invalid(
            "TRACEKIT_ENDPOINT",
            env("TRACEKIT_ENDPOINT", "http://collector.example.com/v1/traces")),
        invalid(
            "tracekit.endpoint",
            prop("tracekit.endpoint", "https://user:pw@app.tracekit.dev/v1/traces")));
  }

  /**
   * A bad value set in code throws, naming the builder method. A bad value from a property or a
   * variable costs only that setting: the configuration is the one without it (its default
   * applies), and one warning names the setting, the value refused and the value in effect. An
   * endpoint that cannot be used instead makes spans print to stderr, and says why.
   */
  @ParameterizedTest(name = "{0} <- {1}")
  @MethodSource("invalidSettings")
  void invalidValueCostsOnlyItsSettingAndIsNamed(String expectedName, Source source) {
    TraceKitConfig.Builder builder = TraceKitConfig.builder().setApiKey(SECRET_KEY);
    source.code.accept(builder);
    ConfigSource config = ConfigSource.of(source.properties, source.environment);
    if (source.isCode()) {
      assertThatThrownBy(() -> builder.build(config))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(expectedName)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_KEY));
      return;
    }
    List<String> warnings = new ArrayList<>();
    TraceKitConfig built = builder.build(config, warnings::add);
    TraceKitConfig withoutIt = TraceKitConfig.builder().setApiKey(SECRET_KEY).build(ConfigSource.empty());

    if (expectedName.toLowerCase(Locale.ROOT).contains("endpoint")) {
      assertThat(warnings).isEmpty();
      assertThat(built.getExportProblem()).contains(expectedName).doesNotContain(SECRET_KEY);
      assertThat(built.getExporterType()).isEqualTo(ExporterType.CONSOLE);
      return;
    }
    assertThat(built.toString()).isEqualTo(withoutIt.toString());
    assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
        .startsWith("Invalid TraceKit setting: " + expectedName)
        .contains(source.value())
        .contains("; using ")
        .doesNotContain(SECRET_KEY));
  }

  static Stream<Arguments> invalidApiKeys() {
    return Stream.of(
        Arguments.of("setApiKey", code(b -> b.setApiKey(""))),
        Arguments.of("setApiKey", code(b -> b.setApiKey("   "))),
        Arguments.of("setApiKey", code(b -> b.setApiKey(LEAKY + " tail_LEAKY02"))),
        Arguments.of("tracekit.apiKey", prop("tracekit.apiKey", LEAKY + "\ttail_LEAKY02")),
        Arguments.of("TRACEKIT_API_KEY", env("TRACEKIT_API_KEY", LEAKY + "\ntail_LEAKY02")),
        Arguments.of("TRACEKIT_API_KEY", env("TRACEKIT_API_KEY", LEAKY + "\u0000LEAKY02")),
        Arguments.of("TRACEKIT_API_KEY", env("TRACEKIT_API_KEY", LEAKY + "\u007fLEAKY02")),
        Arguments.of("tracekit.apiKey", prop("tracekit.apiKey", LEAKY + "_clé_LEAKY02")));
  }

  @ParameterizedTest(name = "{0} <- {1}")
  @MethodSource("invalidApiKeys")
  void invalidApiKeyIsRefusedNamingItsSettingWithoutEchoingTheKey(String expectedName, Source source) {
    TraceKitConfig.Builder builder = TraceKitConfig.builder();
    source.code.accept(builder);
    ConfigSource config = ConfigSource.of(source.properties, source.environment);
    String message;
    if (source.isCode()) {
      Throwable thrown = catchThrowable(() -> builder.build(config));
      assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
      message = thrown.getMessage();
    } else {
      List<String> warnings = new ArrayList<>();
      TraceKitConfig built = builder.build(config, warnings::add);
      assertThat(built.getApiKey()).isNull();
      assertThat(warnings).hasSize(1);
      message = warnings.get(0);
    }
    assertThat(message)
        .contains(expectedName)
        .doesNotContain("tk_live")
        .doesNotContain("LEAKY01")
        .doesNotContain("LEAKY02");
  }

  @Test
  void anApiKeyVariableThatIsSetButEmptyIsWarnedAbout() {
    List<String> warnings = new ArrayList<>();
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.of(NONE,
        map("TRACEKIT_API_KEY", " ", "TRACEKIT_ENDPOINT", "https://collector.example.com/v1/traces")),
        warnings::add);

    assertThat(config.getApiKey()).isNull();
    assertThat(config.getExporterType()).isEqualTo(ExporterType.OTLP);
    assertThat(warnings).containsExactly("TRACEKIT_API_KEY is set but empty: requests carry no API key");
  }

  @Test
  void toStringNeverShowsTheApiKey() {
    TraceKitConfig config =
        TraceKitConfig.builder().setApiKey(SECRET_KEY).build(ConfigSource.empty());

    assertThat(config.toString()).doesNotContain(SECRET_KEY).doesNotContain("S3CR3T");
    assertThat(config.toString()).contains("apiKey=(set)");
  }

  @Test
  void toStringSaysWhenThereIsNoApiKey() {
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.empty());

    assertThat(config.toString()).contains("apiKey=(none)");
  }

  // --- helpers ---

  /** Where the values of one case come from. */
  static final class Source {
    final Map<String, String> properties;
    final Map<String, String> environment;
    final Consumer<TraceKitConfig.Builder> code;
    final String description;

    boolean isCode() {
      return properties.isEmpty() && environment.isEmpty();
    }

    /** The one value set by a property or variable. */
    String value() {
      return (properties.isEmpty() ? environment : properties).values().iterator().next();
    }

    Source(
        Map<String, String> properties,
        Map<String, String> environment,
        Consumer<TraceKitConfig.Builder> code,
        String description) {
      this.properties = properties;
      this.environment = environment;
      this.code = code;
      this.description = description;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  private static Arguments invalid(String expectedName, Source source) {
    return Arguments.of(expectedName, source);
  }

  private static Source env(String name, String value) {
    return new Source(NONE, map(name, value), b -> {}, "env " + name + "=" + printable(value));
  }

  private static Source prop(String name, String value) {
    return new Source(map(name, value), NONE, b -> {}, "-D" + name + "=" + printable(value));
  }

  private static Source code(Consumer<TraceKitConfig.Builder> code) {
    return new Source(NONE, NONE, code, "code");
  }

  private static String printable(String value) {
    StringBuilder sb = new StringBuilder();
    for (char c : value.toCharArray()) {
      sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }

  private static Map<String, String> map(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}

package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tracekit.compat.core.export.OtlpProtocol;
import dev.tracekit.compat.core.trace.Sampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenTelemetry's standard environment variables, in the specification's formats, as the fallback
 * of each TraceKit setting: a {@code TRACEKIT_*} variable (or system property) wins where both are
 * set, and a value the specification rejects costs only that setting, with one warning.
 */
class OpenTelemetrySettingsTest {
  private static final Map<String, String> NONE = Collections.emptyMap();

  /** One row: OTEL variables set, the getter read, the value expected; then TRACEKIT's override. */
  static Stream<Arguments> table() {
    return Stream.of(
        row(env("OTEL_SERVICE_NAME", "checkout"), TraceKitConfig::getServiceName, "checkout",
            "TRACEKIT_SERVICE_NAME", "mine"),
        row(env("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes"),
            TraceKitConfig::getServiceName, "from-attributes", "TRACEKIT_SERVICE_NAME", "mine"),
        row(env("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attributes", "OTEL_SERVICE_NAME", "named"),
            TraceKitConfig::getServiceName, "named", "TRACEKIT_SERVICE_NAME", "mine"),
        row(env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod,service.version=1.2"),
            TraceKitConfig::getEnvironment, "prod", "TRACEKIT_ENVIRONMENT", "staging"),
        row(env("OTEL_RESOURCE_ATTRIBUTES", "service.version=1.2"),
            TraceKitConfig::getServiceVersion, "1.2", "TRACEKIT_SERVICE_VERSION", "2.0"),
        row(env("OTEL_RESOURCE_ATTRIBUTES", "team=pay%2Cments, region = eu%3Dwest ,k%20=%E2%9C%93"),
            TraceKitConfig::getConfiguredResourceAttributes,
            map("team", "pay,ments", "region", "eu=west", "k ", "\u2713"), null, null),
        row(env("OTEL_RESOURCE_ATTRIBUTES", "team=payments,zone=a"),
            c -> c.getConfiguredResourceAttributes().get("team"), "payments",
            "TRACEKIT_RESOURCE_ATTRIBUTES", "team=own"),
        row(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318"), TraceKitConfig::getEndpoint,
            "http://localhost:4318/v1/traces", "TRACEKIT_ENDPOINT", "https://app.tracekit.dev/v1/traces"),
        row(env("OTEL_EXPORTER_OTLP_ENDPOINT", "https://gw.example.com/otlp/"), TraceKitConfig::getEndpoint,
            "https://gw.example.com/otlp/v1/traces", "TRACEKIT_ENDPOINT", "https://app.tracekit.dev/v1/traces"),
        row(env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://gw.example.com/custom",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "https://other.example.com"),
            TraceKitConfig::getEndpoint, "https://gw.example.com/custom",
            "TRACEKIT_ENDPOINT", "https://app.tracekit.dev/v1/traces"),
        row(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318"), TraceKitConfig::getExporterType,
            ExporterType.OTLP, "TRACEKIT_EXPORTER", "none"),
        row(env("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=abc%3D%3D,tenant = blue team"),
            TraceKitConfig::getHeaders, map("x-api-key", "abc==", "tenant", "blue team"), null, null),
        row(env("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "a=1", "OTEL_EXPORTER_OTLP_HEADERS", "b=2"),
            TraceKitConfig::getHeaders, map("a", "1"), null, null),
        row(env("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"), TraceKitConfig::isGzip, true,
            "TRACEKIT_COMPRESSION", "none"),
        row(env("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "none", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"),
            TraceKitConfig::isGzip, false, "TRACEKIT_COMPRESSION", "gzip"),
        row(env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"), TraceKitConfig::getProtocol,
            OtlpProtocol.HTTP_JSON, "TRACEKIT_PROTOCOL", "http/protobuf"),
        row(env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf", "OTEL_EXPORTER_OTLP_PROTOCOL",
            "http/json"), TraceKitConfig::getProtocol, OtlpProtocol.HTTP_PROTOBUF,
            "TRACEKIT_PROTOCOL", "http/json"),
        row(env("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"), TraceKitConfig::getExportTimeoutMillis, 2500L,
            "TRACEKIT_EXPORT_TIMEOUT_MILLIS", "700"),
        row(env("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "1200", "OTEL_EXPORTER_OTLP_TIMEOUT", "2500"),
            TraceKitConfig::getExportTimeoutMillis, 1200L, "TRACEKIT_EXPORT_TIMEOUT_MILLIS", "700"),
        row(env("OTEL_BSP_EXPORT_TIMEOUT", "3000"), TraceKitConfig::getExportTimeoutMillis, 3000L,
            "TRACEKIT_EXPORT_TIMEOUT_MILLIS", "700"),
        row(env("OTEL_BSP_SCHEDULE_DELAY", "250"), TraceKitConfig::getScheduleDelayMillis, 250L,
            "TRACEKIT_SCHEDULE_DELAY_MILLIS", "100"),
        row(env("OTEL_BSP_MAX_QUEUE_SIZE", "4096"), TraceKitConfig::getMaxQueueSize, 4096,
            "TRACEKIT_MAX_QUEUE_SIZE", "64"),
        row(env("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "128"), TraceKitConfig::getMaxExportBatchSize, 128,
            "TRACEKIT_MAX_EXPORT_BATCH_SIZE", "32"),
        row(env("OTEL_SDK_DISABLED", "true"), TraceKitConfig::isEnabled, false, "TRACEKIT_ENABLED", "true"),
        row(env("OTEL_SDK_DISABLED", "FALSE"), TraceKitConfig::isEnabled, true, "TRACEKIT_ENABLED", "false"),
        row(env("OTEL_TRACES_EXPORTER", "console"), TraceKitConfig::getExporterType, ExporterType.CONSOLE,
            "TRACEKIT_EXPORTER", "none"),
        row(env("OTEL_TRACES_EXPORTER", "none"), TraceKitConfig::getExporterType, ExporterType.NONE,
            "TRACEKIT_EXPORTER", "console"),
        row(env("OTEL_TRACES_SAMPLER", "always_off"), OpenTelemetrySettingsTest::sampler,
            "AlwaysOffSampler", "TRACEKIT_SAMPLING_RATE", "0.5"),
        row(env("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.25"),
            OpenTelemetrySettingsTest::sampler, "TraceIdRatioBased{0.25}",
            "TRACEKIT_SAMPLING_RATE", "0.5"),
        row(env("OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.1"),
            OpenTelemetrySettingsTest::sampler, "ParentBased{root:TraceIdRatioBased{0.1}}",
            "TRACEKIT_SAMPLING_RATE", "0.5"),
        row(env("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "12"),
            c -> c.getSpanLimits().getMaxAttributes(), 12, "TRACEKIT_MAX_ATTRIBUTES", "7"),
        row(env("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "99"),
            c -> c.getSpanLimits().getMaxAttributeValueLength(), 99,
            "TRACEKIT_MAX_ATTRIBUTE_VALUE_LENGTH", "77"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void openTelemetryVariablesAreHonouredAndTraceKitOnesWin(
      Map<String, String> otel, Function<TraceKitConfig, Object> getter, Object expected,
      String traceKitName, String traceKitValue) {
    List<String> warnings = new ArrayList<>();
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.of(NONE, otel), warnings::add);

    assertThat(getter.apply(config)).isEqualTo(expected);
    assertThat(warnings).isEmpty();
    if (traceKitName == null) {
      return;
    }
    Map<String, String> both = new HashMap<>(otel);
    both.put(traceKitName, traceKitValue);
    TraceKitConfig overridden = TraceKitConfig.builder().build(ConfigSource.of(NONE, both), warnings::add);
    TraceKitConfig alone =
        TraceKitConfig.builder().build(ConfigSource.of(NONE, map(traceKitName, traceKitValue)), warnings::add);
    assertThat(getter.apply(overridden)).isEqualTo(getter.apply(alone)).isNotEqualTo(expected);
  }

  /** Values the specification rejects: one warning each, and the setting's default. */
  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(env("OTEL_RESOURCE_ATTRIBUTES", "team=payments,broken"), "OTEL_RESOURCE_ATTRIBUTES"),
        Arguments.of(env("OTEL_RESOURCE_ATTRIBUTES", "team=pay%zzments"), "OTEL_RESOURCE_ATTRIBUTES"),
        Arguments.of(env("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key"), "OTEL_EXPORTER_OTLP_HEADERS"),
        Arguments.of(env("OTEL_EXPORTER_OTLP_HEADERS", "bad header=1"), "OTEL_EXPORTER_OTLP_HEADERS"),
        Arguments.of(env("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd"), "OTEL_EXPORTER_OTLP_COMPRESSION"),
        Arguments.of(env("OTEL_EXPORTER_OTLP_TIMEOUT", "10s"), "OTEL_EXPORTER_OTLP_TIMEOUT"),
        Arguments.of(env("OTEL_BSP_MAX_QUEUE_SIZE", "0"), "OTEL_BSP_MAX_QUEUE_SIZE"),
        Arguments.of(env("OTEL_SDK_DISABLED", "yes"), "OTEL_SDK_DISABLED"),
        Arguments.of(env("OTEL_TRACES_SAMPLER", "jaeger_remote"), "OTEL_TRACES_SAMPLER"),
        Arguments.of(env("OTEL_TRACES_EXPORTER", "zipkin"), "OTEL_TRACES_EXPORTER"),
        Arguments.of(env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), "OTEL_EXPORTER_OTLP_PROTOCOL"),
        Arguments.of(env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "thrift"), "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void aValueTheSpecificationRejectsCostsOnlyItsSetting(Map<String, String> otel, String name) {
    List<String> warnings = new ArrayList<>();
    Map<String, String> withService = new HashMap<>(otel);
    withService.put("OTEL_SERVICE_NAME", "kept");
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.of(NONE, withService), warnings::add);
    TraceKitConfig defaults =
        TraceKitConfig.builder().build(ConfigSource.of(NONE, map("OTEL_SERVICE_NAME", "kept")), warnings::add);

    assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains(name).contains("; using "));
    assertThat(config.toString()).isEqualTo(defaults.toString());
    assertThat(config.getHeaders()).isEqualTo(defaults.getHeaders());
    assertThat(config.getConfiguredResourceAttributes()).isEqualTo(defaults.getConfiguredResourceAttributes());
    assertThat(sampler(config)).isEqualTo(sampler(defaults));
  }

  @Test
  void aRatioArgumentOutsideZeroToOneIsOneAsTheSpecificationSays() {
    List<String> warnings = new ArrayList<>();
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.of(NONE,
        map("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "2")), warnings::add);

    assertThat(sampler(config)).isEqualTo("TraceIdRatioBased{1.0}");
    assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
        .contains("OTEL_TRACES_SAMPLER_ARG=2 is outside [0, 1]").contains("using 1.0 instead"));
  }

  @Test
  void headerValuesNeverShowInWarningsOrDescriptions() {
    List<String> warnings = new ArrayList<>();
    TraceKitConfig config = TraceKitConfig.builder().build(ConfigSource.of(NONE,
        map("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer s3cr3t-token,x-tenant=\u00e9t\u00e9")), warnings::add);

    assertThat(config.getHeaders()).isEmpty();
    assertThat(String.join(" ", warnings) + config.describe() + config).doesNotContain("s3cr3t");
    TraceKitConfig valid = TraceKitConfig.builder().build(ConfigSource.of(NONE,
        map("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer s3cr3t-token")), warnings::add);
    assertThat(valid.describe()).contains("extra headers [authorization]").doesNotContain("s3cr3t");
  }

  @Test
  void resourceAttributesOfBothVariablesMergeKeyByKeyAndCodeAndTraceKitSettingsWin() {
    TraceKitConfig config = TraceKitConfig.builder()
        .putResourceAttribute("code.only", "c")
        .build(ConfigSource.of(NONE, map(
            "OTEL_RESOURCE_ATTRIBUTES", "team=otel,zone=a,service.name=otel-name",
            "TRACEKIT_RESOURCE_ATTRIBUTES", "team=tracekit",
            "TRACEKIT_SERVICE_NAME", "named")), w -> { });

    assertThat(config.getConfiguredResourceAttributes())
        .containsExactly(entry("team", "tracekit"), entry("zone", "a"), entry("service.name", "otel-name"));
    assertThat(config.getServiceName()).isEqualTo("named");
    Map<String, Object> resource = new HashMap<>();
    ResourceFactory.create(config).getAttributes().forEach((k, v) -> resource.put(k.getKey(), v));
    assertThat(resource).containsEntry("service.name", "named").containsEntry("team", "tracekit")
        .containsEntry("code.only", "c");
  }

  private static Object sampler(TraceKitConfig config) {
    Sampler sampler = config.getSampler();
    return sampler == null ? "rate " + config.getSampleRate() : sampler.getDescription();
  }

  private static Arguments row(Map<String, String> otel, Function<TraceKitConfig, Object> getter,
      Object expected, String traceKitName, String traceKitValue) {
    return Arguments.of(otel, getter, expected, traceKitName, traceKitValue);
  }

  private static Map<String, String> env(String... keysAndValues) {
    return map(keysAndValues);
  }

  private static Map<String, String> map(String... keysAndValues) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}

package dev.tracekit.compat.core;

import java.util.Map;
import javax.annotation.Nullable;

/**
 * Single settings read with the rules {@link TraceKitConfig} reads them by (system property, then
 * {@code TRACEKIT_*} variable, then {@code OTEL_*} variables): for layers on top of TraceKit that
 * need one setting before, or apart from, a pipeline. A value that cannot be used is warned about
 * once per process, with the same words as when a pipeline starts, and read as unset.
 */
public final class TraceKitSettings {
  private final ConfigSource source;

  private TraceKitSettings(ConfigSource source) {
    this.source = source;
  }

  /** The settings of this process: live system properties and the environment. */
  public static TraceKitSettings system() {
    return new TraceKitSettings(ConfigSource.system());
  }

  /** The settings in these maps instead of the process's: for tests. */
  public static TraceKitSettings of(Map<String, String> systemProperties, Map<String, String> environment) {
    return new TraceKitSettings(ConfigSource.of(systemProperties, environment));
  }

  /**
   * Returns the sample rate asked for by {@code tracekit.samplingRate} or {@code
   * TRACEKIT_SAMPLING_RATE}, within [0, 1]; null when unset or unusable.
   */
  @Nullable
  public Double samplingRate() {
    return reader().fraction(null, "", "tracekit.samplingRate", "TRACEKIT_SAMPLING_RATE");
  }

  /**
   * True when the service name is configured: {@code tracekit.serviceName}, {@code
   * TRACEKIT_SERVICE_NAME}, {@code OTEL_SERVICE_NAME}, or {@code service.name} in the resource
   * attributes settings.
   */
  public boolean isServiceNameSet() {
    return isSet("tracekit.serviceName", "TRACEKIT_SERVICE_NAME", "service.name", "OTEL_SERVICE_NAME");
  }

  /**
   * True when the service version is configured: {@code tracekit.serviceVersion}, {@code
   * TRACEKIT_SERVICE_VERSION} or {@code service.version} in the resource attributes settings.
   */
  public boolean isServiceVersionSet() {
    return isSet("tracekit.serviceVersion", "TRACEKIT_SERVICE_VERSION", "service.version");
  }

  /**
   * Reads the switch {@code property}, else {@code environmentVariable}: {@code true} or {@code
   * false}, any case; {@code fallback} when unset or unusable.
   */
  public boolean flag(String property, String environmentVariable, boolean fallback) {
    return reader().bool(null, property, environmentVariable, fallback);
  }

  private boolean isSet(String property, String variable, String attribute, String... otelNames) {
    ConfigReader reader = reader();
    return reader.string(null, property, variable, null, otelNames) != null
        || reader.resourceAttributes().containsKey(attribute);
  }

  private ConfigReader reader() {
    return new ConfigReader(source, ConfigWarnings::warnOnce);
  }
}

package dev.tracekit.compat.core;

import java.util.Collections;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Where unset configuration is looked up: the system property first, then the {@code TRACEKIT_*}
 * environment variable, then OpenTelemetry's standard variables ({@code OTEL_*}) in the order
 * given. Tests pass their own maps instead of the process's.
 */
final class ConfigSource {
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;

  private ConfigSource(Map<String, String> systemProperties, Map<String, String> environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  static ConfigSource of(Map<String, String> systemProperties, Map<String, String> environment) {
    return new ConfigSource(systemProperties, environment);
  }

  static ConfigSource system() {
    return new ConfigSource(SystemPropertiesMap.INSTANCE, System.getenv());
  }

  static ConfigSource empty() {
    return new ConfigSource(Collections.<String, String>emptyMap(), Collections.<String, String>emptyMap());
  }

  /**
   * Returns the value and the name of the setting it came from, or null when none of the system
   * property, the environment variable and the OpenTelemetry variables {@code otelNames} is set
   * (blank counts as unset).
   */
  @Nullable
  Setting lookup(String propertyName, String environmentName, String... otelNames) {
    String value = systemProperties.get(propertyName);
    if (value != null && !value.trim().isEmpty()) {
      return new Setting(propertyName, value.trim());
    }
    value = environment.get(environmentName);
    if (value != null && !value.trim().isEmpty()) {
      return new Setting(environmentName, value.trim());
    }
    for (String otelName : otelNames) {
      value = environment.get(otelName);
      if (value != null && !value.trim().isEmpty()) {
        return new Setting(otelName, value.trim());
      }
    }
    return null;
  }

  /** Returns the first of the environment variables {@code names} that is set, or null. */
  @Nullable
  Setting environment(String... names) {
    for (String name : names) {
      String value = environment.get(name);
      if (value != null && !value.trim().isEmpty()) {
        return new Setting(name, value.trim());
      }
    }
    return null;
  }

  /** True when the variable {@code environmentName} is present but blank (set to nothing). */
  boolean isBlank(String environmentName) {
    String value = environment.get(environmentName);
    return value != null && value.trim().isEmpty();
  }

  /**
   * A configured value with the name of the property or variable it came from (or of the builder
   * method, for a value set in code).
   */
  static final class Setting {
    final String name;
    final String value;
    final boolean fromCode;

    Setting(String name, String value) {
      this(name, value, false);
    }

    private Setting(String name, String value, boolean fromCode) {
      this.name = name;
      this.value = value;
      this.fromCode = fromCode;
    }

    static Setting fromCode(String name, String value) {
      return new Setting(name, value, true);
    }
  }

  /** The live system properties, read at lookup time. */
  private static final class SystemPropertiesMap extends java.util.AbstractMap<String, String> {
    static final SystemPropertiesMap INSTANCE = new SystemPropertiesMap();

    @Override
    public String get(Object key) {
      return key instanceof String ? System.getProperty((String) key) : null;
    }

    @Override
    public java.util.Set<Entry<String, String>> entrySet() {
      return Collections.emptySet();
    }
  }
}

package dev.tracekit.compat.core;

import java.util.Collections;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Where unset configuration is looked up: system properties first, then environment variables.
 * Tests pass their own maps instead of the process's.
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
   * Returns the value and the name of the setting it came from, or null when neither the system
   * property nor the environment variable is set (blank counts as unset).
   */
  @Nullable
  Setting lookup(String propertyName, String environmentName) {
    String value = systemProperties.get(propertyName);
    if (value != null && !value.trim().isEmpty()) {
      return new Setting(propertyName, value.trim());
    }
    value = environment.get(environmentName);
    if (value != null && !value.trim().isEmpty()) {
      return new Setting(environmentName, value.trim());
    }
    return null;
  }

  /** A configured value with the name of the property or variable it came from. */
  static final class Setting {
    final String name;
    final String value;

    Setting(String name, String value) {
      this.name = name;
      this.value = value;
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

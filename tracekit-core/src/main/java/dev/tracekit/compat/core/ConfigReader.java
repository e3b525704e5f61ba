package dev.tracekit.compat.core;

import dev.tracekit.compat.core.internal.LoopbackHosts;
import java.util.Locale;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Reads and validates one setting at a time: the value set in code wins, else the system property,
 * else the environment variable, else the default. Every error names the setting the bad value came
 * from, and never echoes the API key.
 */
final class ConfigReader {
  private final ConfigSource source;

  ConfigReader(ConfigSource source) {
    this.source = source;
  }

  @Nullable
  ConfigSource.Setting setting(
      @Nullable String code, String codeName, String propertyName, String environmentName) {
    if (code != null) {
      return new ConfigSource.Setting(codeName, code.trim());
    }
    return source.lookup(propertyName, environmentName);
  }

  @Nullable
  String apiKey(@Nullable String code, String codeName, String propertyName, String environmentName) {
    ConfigSource.Setting s = setting(code, codeName, propertyName, environmentName);
    if (s == null) {
      return null;
    }
    if (s.value.isEmpty()) {
      throw invalid(s.name + " is empty");
    }
    for (int i = 0; i < s.value.length(); i++) {
      char c = s.value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        // Never echo the key, not even a part of it.
        throw invalid(
            s.name
                + " contains a character that cannot be sent in an HTTP header"
                + " (only visible ASCII is allowed) at index "
                + i);
      }
    }
    return s.value;
  }

  @Nullable
  String string(
      @Nullable String code, String propertyName, String environmentName, @Nullable String fallback) {
    if (code != null && !code.trim().isEmpty()) {
      return code.trim();
    }
    ConfigSource.Setting s = source.lookup(propertyName, environmentName);
    return s == null ? fallback : s.value;
  }

  double fraction(
      @Nullable Double code,
      String codeName,
      String propertyName,
      String environmentName,
      double fallback) {
    String name;
    double value;
    if (code != null) {
      name = codeName;
      value = code;
    } else {
      ConfigSource.Setting s = source.lookup(propertyName, environmentName);
      if (s == null) {
        return fallback;
      }
      name = s.name;
      try {
        value = Double.parseDouble(s.value);
      } catch (NumberFormatException e) {
        throw invalid(name + "='" + s.value + "' is not a number; expected a value within [0, 1]");
      }
    }
    if (!(value >= 0.0 && value <= 1.0)) {
      throw invalid(name + "=" + value + " is outside [0, 1]");
    }
    return value;
  }

  boolean bool(
      @Nullable Boolean code, String propertyName, String environmentName, boolean fallback) {
    if (code != null) {
      return code;
    }
    ConfigSource.Setting s = source.lookup(propertyName, environmentName);
    if (s == null) {
      return fallback;
    }
    String v = s.value.toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw invalid(s.name + "='" + s.value + "' is not a boolean; expected true or false");
  }

  boolean compression(@Nullable Boolean code, String propertyName, String environmentName) {
    if (code != null) {
      return code;
    }
    ConfigSource.Setting s = source.lookup(propertyName, environmentName);
    if (s == null) {
      return false;
    }
    String v = s.value.toLowerCase(Locale.ROOT);
    if (v.equals("gzip")) {
      return true;
    }
    if (v.equals("none")) {
      return false;
    }
    throw invalid(s.name + "='" + s.value + "' is not a compression; expected gzip or none");
  }

  @Nullable
  ExporterType exporter(@Nullable ExporterType code, String propertyName, String environmentName) {
    if (code != null) {
      return code;
    }
    ConfigSource.Setting s = source.lookup(propertyName, environmentName);
    if (s == null) {
      return null;
    }
    switch (s.value.toLowerCase(Locale.ROOT)) {
      case "otlp":
        return ExporterType.OTLP;
      case "console":
        return ExporterType.CONSOLE;
      case "none":
        return ExporterType.NONE;
      default:
        throw invalid(s.name + "='" + s.value + "' is not an exporter; expected otlp, console or none");
    }
  }

  long positive(
      @Nullable Number code,
      String codeName,
      String propertyName,
      String environmentName,
      long fallback,
      long max) {
    String name;
    long value;
    if (code != null) {
      name = codeName;
      value = code.longValue();
    } else {
      ConfigSource.Setting s = source.lookup(propertyName, environmentName);
      if (s == null) {
        return fallback;
      }
      name = s.name;
      try {
        value = Long.parseLong(s.value);
      } catch (NumberFormatException e) {
        throw invalid(name + "='" + s.value + "' is not a whole number");
      }
    }
    if (value < 1 || value > max) {
      throw invalid(name + "=" + value + " is outside [1, " + max + "]");
    }
    return value;
  }

  /** Validates the endpoint URL: http or https, and plain http only to loopback unless allowed. */
  static String endpoint(ConfigSource.Setting s, boolean allowInsecure) {
    HttpUrl url = HttpUrl.parse(s.value);
    if (url == null) {
      throw invalid(s.name + " is not an http:// or https:// URL");
    }
    String shown = url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw invalid(
          s.name + " must not carry credentials in the URL; set the API key instead (" + shown + ")");
    }
    if (url.scheme().equals("http") && !allowInsecure && !LoopbackHosts.isLoopback(url.host())) {
      throw invalid(
          s.name
              + " uses plain http:// to a host that is not loopback ("
              + shown
              + "); use https://, or allow it with TRACEKIT_ALLOW_INSECURE=true"
              + " (tracekit.allowInsecure, setAllowInsecure)");
    }
    return url.toString();
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException("Invalid TraceKit configuration: " + message);
  }
}

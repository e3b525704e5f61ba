package dev.tracekit.compat.core;

import dev.tracekit.compat.core.export.OtlpProtocol;
import dev.tracekit.compat.core.internal.LoopbackHosts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Reads and validates one setting at a time: the value set in code wins, else the system property,
 * else the {@code TRACEKIT_*} environment variable, else OpenTelemetry's {@code OTEL_*} variables,
 * else the default.
 *
 * <p>A value set in code that cannot be used throws {@link IllegalArgumentException}: a programming
 * error, found at start-up. A value from a property or variable that cannot be used costs only that
 * setting: its default applies, and one warning (to the sink given) names the setting, the value
 * refused (never for a secret) and the value in effect. Nothing here echoes the API key.
 */
final class ConfigReader {
  private final ConfigSource source;
  private final Consumer<String> warnings;

  ConfigReader(ConfigSource source, Consumer<String> warnings) {
    this.source = source;
    this.warnings = warnings;
  }

  /** The code value as a setting named {@code codeName}, else what the source holds; or null. */
  @Nullable
  ConfigSource.Setting setting(
      @Nullable String code, String codeName, String propertyName, String environmentName,
      String... otelNames) {
    if (code != null) {
      return ConfigSource.Setting.fromCode(codeName, code.trim());
    }
    return source.lookup(propertyName, environmentName, otelNames);
  }

  /** Returns the first of the environment variables {@code names} that is set, or null. */
  @Nullable
  ConfigSource.Setting environment(String... names) {
    return source.environment(names);
  }

  /** True when the variable {@code environmentName} is present but set to nothing. */
  boolean isBlank(String environmentName) {
    return source.isBlank(environmentName);
  }

  @Nullable
  String apiKey(@Nullable String code, String codeName, String propertyName, String environmentName) {
    ConfigSource.Setting s = setting(code, codeName, propertyName, environmentName);
    if (s == null) {
      return null;
    }
    if (s.value.isEmpty()) {
      return refuse(s, s.name + " is empty", null, "no API key");
    }
    int bad = HeaderValues.firstUnsendable(s.value, false);
    if (bad >= 0) {
      // Never echo the key, not even a part of it.
      return refuse(s, s.name + " contains a character that cannot be sent in an HTTP header"
          + " (only visible ASCII is allowed) at index " + bad, null, "no API key");
    }
    return s.value;
  }

  @Nullable
  String string(
      @Nullable String code, String propertyName, String environmentName, @Nullable String fallback,
      String... otelNames) {
    if (code != null && !code.trim().isEmpty()) {
      return code.trim();
    }
    ConfigSource.Setting s = source.lookup(propertyName, environmentName, otelNames);
    return s == null ? fallback : s.value;
  }

  /** A fraction within [0, 1]: the code value, else the property or variable, else null. */
  @Nullable
  Double fraction(@Nullable Double code, String codeName, String propertyName, String environmentName) {
    ConfigSource.Setting s =
        code != null ? ConfigSource.Setting.fromCode(codeName, String.valueOf(code))
            : source.lookup(propertyName, environmentName);
    return s == null ? null : fraction(s, null, "the default sampling");
  }

  /** Parses {@code s} as a fraction within [0, 1]; refuses it for {@code fallback} otherwise. */
  @Nullable
  Double fraction(ConfigSource.Setting s, @Nullable Double fallback, String shownFallback) {
    double value;
    try {
      value = Double.parseDouble(s.value);
    } catch (NumberFormatException e) {
      return refuse(s, s.name + "='" + s.value + "' is not a number within [0, 1]", fallback, shownFallback);
    }
    if (!(value >= 0.0 && value <= 1.0)) {
      return refuse(s, s.name + "=" + s.value + " is outside [0, 1]", fallback, shownFallback);
    }
    return value;
  }

  boolean bool(
      @Nullable Boolean code, String propertyName, String environmentName, boolean fallback) {
    if (code != null) {
      return code;
    }
    ConfigSource.Setting s = source.lookup(propertyName, environmentName);
    return s == null ? fallback : bool(s, fallback);
  }

  /** Parses {@code s} as {@code true} or {@code false}, any case; refuses it otherwise. */
  boolean bool(ConfigSource.Setting s, boolean fallback) {
    String v = s.value.toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    return refuse(s, s.name + "='" + s.value + "' is not true or false", fallback, String.valueOf(fallback));
  }

  boolean compression(@Nullable Boolean code, String propertyName, String environmentName, String... otelNames) {
    if (code != null) {
      return code;
    }
    ConfigSource.Setting s = source.lookup(propertyName, environmentName, otelNames);
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
    return refuse(s, s.name + "='" + s.value + "' is not gzip or none", false, "none");
  }

  /**
   * The encoding of OTLP request bodies: {@code http/protobuf} (the default) or {@code http/json}.
   * OpenTelemetry's {@code grpc} is not sent here: it is warned about and protobuf over HTTP used.
   */
  OtlpProtocol protocol(
      @Nullable OtlpProtocol code, String propertyName, String environmentName, String... otelNames) {
    if (code != null) {
      return code;
    }
    ConfigSource.Setting s = source.lookup(propertyName, environmentName, otelNames);
    if (s == null) {
      return OtlpProtocol.HTTP_PROTOBUF;
    }
    OtlpProtocol protocol = OtlpProtocol.fromValue(s.value);
    if (protocol != null) {
      return protocol;
    }
    String problem = s.name.startsWith("OTEL_") && s.value.trim().equalsIgnoreCase("grpc")
        ? "'grpc' is not supported here (OTLP/HTTP only)"
        : "'" + s.value + "' is not http/protobuf or http/json";
    return refuse(s, s.name + "=" + problem, OtlpProtocol.HTTP_PROTOBUF, "http/protobuf");
  }

  /** The exporter asked for, or null to choose by the API key and endpoint. */
  @Nullable
  ExporterType exporter(
      @Nullable ExporterType code, String propertyName, String environmentName, String... otelNames) {
    if (code != null) {
      return code;
    }
    ConfigSource.Setting s = source.lookup(propertyName, environmentName, otelNames);
    if (s == null) {
      return null;
    }
    String value = s.value.toLowerCase(Locale.ROOT);
    boolean otel = s.name.startsWith("OTEL_");
    if (otel && value.contains(",")) {
      // OpenTelemetry allows a list; one exporter runs here: the first.
      String first = value.substring(0, value.indexOf(',')).trim();
      warnings.accept("TraceKit uses one exporter; " + s.name + "='" + s.value + "' names several, using "
          + first);
      value = first;
    }
    switch (value) {
      case "otlp":
        return ExporterType.OTLP;
      case "console":
        return ExporterType.CONSOLE;
      case "logging":
        if (otel) {
          return ExporterType.CONSOLE;
        }
        break;
      case "none":
        return ExporterType.NONE;
      default:
        break;
    }
    return refuse(s, s.name + "='" + s.value + "' is not otlp, console or none", null,
        "the default (otlp with an API key or endpoint, else console)");
  }

  /**
   * A whole number within [1, {@code max}]: the code value, else the property, the variable or the
   * OpenTelemetry variables, else {@code fallback}.
   */
  long positive(
      @Nullable Number code,
      String codeName,
      String propertyName,
      String environmentName,
      long fallback,
      long max,
      String... otelNames) {
    ConfigSource.Setting s =
        code != null ? ConfigSource.Setting.fromCode(codeName, String.valueOf(code.longValue()))
            : source.lookup(propertyName, environmentName, otelNames);
    if (s == null) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(s.value);
    } catch (NumberFormatException e) {
      return refuse(s, s.name + "='" + s.value + "' is not a whole number", fallback, String.valueOf(fallback));
    }
    if (value < 1 || value > max) {
      return refuse(s, s.name + "=" + value + " is outside [1, " + max + "]", fallback, String.valueOf(fallback));
    }
    return value;
  }

  /**
   * Parses {@code k1=v1,k2=v2} (OpenTelemetry's format for resource attributes and headers: keys
   * and values percent-decoded, blanks around them ignored). Returns null, after a warning, when
   * any pair is malformed: the whole value is discarded, as the OpenTelemetry specification asks.
   * {@code secret} keeps values out of the warning.
   */
  @Nullable
  Map<String, String> pairs(ConfigSource.Setting s, boolean secret) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : s.value.split(",", -1)) {
      if (pair.trim().isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? null : percentDecode(pair.substring(0, eq).trim());
      String value = eq < 0 ? null : percentDecode(pair.substring(eq + 1).trim());
      if (key == null || key.isEmpty() || value == null) {
        String shown = secret ? "" : " ('" + pair.trim() + "')";
        return refuse(s, s.name + " has an entry that is not key=value with valid percent-encoding" + shown
            + "; the whole value is ignored", null, "none of it");
      }
      out.put(key, value);
    }
    return out;
  }

  /**
   * Resource attributes from the configuration: {@code TRACEKIT_RESOURCE_ATTRIBUTES} (or {@code
   * tracekit.resourceAttributes}) over {@code OTEL_RESOURCE_ATTRIBUTES}, key by key.
   */
  Map<String, String> resourceAttributes() {
    Map<String, String> out = new LinkedHashMap<>();
    ConfigSource.Setting otel = environment("OTEL_RESOURCE_ATTRIBUTES");
    Map<String, String> fromOtel = otel == null ? null : pairs(otel, false);
    if (fromOtel != null) {
      out.putAll(fromOtel);
    }
    ConfigSource.Setting own = source.lookup("tracekit.resourceAttributes", "TRACEKIT_RESOURCE_ATTRIBUTES");
    Map<String, String> fromOwn = own == null ? null : pairs(own, false);
    if (fromOwn != null) {
      out.putAll(fromOwn);
    }
    return Collections.unmodifiableMap(out);
  }

  /** Decodes %XX escapes as UTF-8; returns null for a malformed escape. */
  @Nullable
  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        continue;
      }
      if (i + 2 >= text.length()) {
        return null;
      }
      int high = Character.digit(text.charAt(i + 1), 16);
      int low = Character.digit(text.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        return null;
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  /**
   * Validates the endpoint URL: http or https, no credentials, and plain http only to loopback
   * unless allowed. Returns the URL, or null when the setting from a property or variable makes
   * export impossible (the reason goes to {@code impossible}); a code value that does throws.
   */
  @Nullable
  static String endpoint(ConfigSource.Setting s, boolean allowInsecure, Consumer<String> impossible) {
    HttpUrl url = HttpUrl.parse(s.value);
    String problem = null;
    if (url == null) {
      problem = s.name + " is not an http:// or https:// URL";
    } else {
      String shown = url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
      if (!url.username().isEmpty() || !url.password().isEmpty()) {
        problem = s.name + " must not carry credentials in the URL; set the API key instead (" + shown + ")";
      } else if (url.scheme().equals("http") && !allowInsecure && !LoopbackHosts.isLoopback(url.host())) {
        problem = s.name + " uses plain http:// to a host that is not loopback (" + shown
            + "); use https://, or allow it with TRACEKIT_ALLOW_INSECURE=true"
            + " (tracekit.allowInsecure, setAllowInsecure)";
      }
    }
    if (problem == null) {
      return url.toString();
    }
    if (s.fromCode) {
      throw invalid(problem);
    }
    impossible.accept(problem);
    return null;
  }

  /**
   * Refuses the value of {@code s}: throws for a code value; otherwise warns that {@code shown}
   * applies instead and returns {@code fallback}.
   */
  <T> T refuse(ConfigSource.Setting s, String problem, T fallback, String shown) {
    if (s.fromCode) {
      throw invalid(problem);
    }
    warnings.accept("Invalid TraceKit setting: " + problem + "; using " + shown + " instead");
    return fallback;
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException("Invalid TraceKit configuration: " + message);
  }
}

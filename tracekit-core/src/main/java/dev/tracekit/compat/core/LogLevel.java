package dev.tracekit.compat.core;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Applies {@code TRACEKIT_LOG_LEVEL} (or the system property {@code tracekit.logLevel}) to the
 * {@code dev.tracekit} logger: {@code off}, {@code error}, {@code warning}, {@code info} or
 * {@code debug} (java.util.logging's names work too). Unset leaves the logger's level to the
 * logging configuration.
 */
final class LogLevel {
  static final String PROPERTY = "tracekit.logLevel";
  static final String ENVIRONMENT = "TRACEKIT_LOG_LEVEL";
  // Held: java.util.logging keeps loggers weakly, and a collected one forgets its level.
  private static final Logger ROOT = Logger.getLogger("dev.tracekit");

  private LogLevel() {}

  static void applyConfigured() {
    ConfigSource.Setting s = ConfigSource.system().lookup(PROPERTY, ENVIRONMENT);
    if (s == null) {
      return;
    }
    Level level = parse(s.value);
    if (level == null) {
      ConfigWarnings.warnOnce("Invalid TraceKit setting: " + s.name + "='" + s.value
          + "' is not off, error, warning, info or debug; using the logging configuration's level instead");
      return;
    }
    ROOT.setLevel(level);
  }

  @Nullable
  static Level parse(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "off":
        return Level.OFF;
      case "error":
      case "severe":
        return Level.SEVERE;
      case "warn":
      case "warning":
        return Level.WARNING;
      case "info":
        return Level.INFO;
      case "debug":
      case "fine":
        return Level.FINE;
      case "trace":
      case "finest":
      case "all":
        return Level.ALL;
      default:
        return null;
    }
  }
}

package dev.tracekit.compat.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, read once from the jar. Not API. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  /** Returns this library's version, such as {@code 0.1.0}, or {@code unknown}. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/dev/tracekit/compat/core/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      return version == null || version.startsWith("$") ? "unknown" : version;
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}

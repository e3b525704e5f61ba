package com.amazonaws.xray.plugins;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.xray.AppJackson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * What the plugins share: settings ({@code tracekit.xray.plugins.*} system properties, then the
 * environment), the host name, the container id, bounded file reads and the JSON mapper.
 */
final class PluginSupport {
  static final String PROPERTY_PREFIX = "tracekit.xray.plugins.";

  /** Total time one plugin may spend on its metadata, in milliseconds. */
  static final String TIMEOUT_PROPERTY = PROPERTY_PREFIX + "timeoutMillis";

  static final long DEFAULT_TIMEOUT_MILLIS = 2000;
  static final int CONNECT_TIMEOUT_MILLIS = 1000;

  /** Where the container id is read from; the X-Ray SDK reads the same file. */
  static final String CGROUP_PROPERTY = PROPERTY_PREFIX + "cgroupPath";

  static final String DEFAULT_CGROUP_PATH = "/proc/self/cgroup";
  static final int MAX_FILE_BYTES = 64 * 1024;

  static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger("com.amazonaws.xray.plugins"));

  private static final int CONTAINER_ID_LENGTH = 64;
  private static final int MAX_CGROUP_LINES = 256;

  private PluginSupport() {}

  /** Reads {@code json} as a tree; a Jackson that cannot link is an IOException here. */
  static JsonNode readTree(String json) throws IOException {
    return AppJackson.use(() -> Json.MAPPER.readTree(json));
  }

  /** Reads {@code json} as a tree; a Jackson that cannot link is an IOException here. */
  static JsonNode readTree(byte[] json) throws IOException {
    return AppJackson.use(() -> Json.MAPPER.readTree(json));
  }

  /** Reads {@code json} as {@code type}; a Jackson that cannot link is an IOException here. */
  static <T> T read(byte[] json, TypeReference<T> type) throws IOException {
    return AppJackson.use(() -> Json.MAPPER.readValue(json, type));
  }

  /** The plugins' mapper, made on first use: a broken Jackson then fails there, not here. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** Returns the system property {@code property}, else the environment variable, trimmed. */
  @Nullable
  static String setting(String property, @Nullable String environment) {
    String value = nonBlank(System.getProperty(property));
    if (value == null && environment != null) {
      value = nonBlank(System.getenv(environment));
    }
    return value;
  }

  static long timeoutMillis() {
    String value = setting(TIMEOUT_PROPERTY, null);
    if (value != null) {
      try {
        long millis = Long.parseLong(value);
        if (millis > 0) {
          return millis;
        }
      } catch (NumberFormatException e) {
        // Falls through to the default below.
      }
      LOGGER.log(
          Level.WARNING, "Ignoring " + TIMEOUT_PROPERTY + "=" + value + ": not a positive number");
    }
    return DEFAULT_TIMEOUT_MILLIS;
  }

  static Path cgroupPath() {
    String value = setting(CGROUP_PROPERTY, null);
    return Paths.get(value != null ? value : DEFAULT_CGROUP_PATH);
  }

  /** Returns this host's name as the X-Ray SDK records it, or null when it cannot be resolved. */
  @Nullable
  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.FINE, "Could not get the host name: " + e);
      return null;
    }
  }

  /**
   * Returns the container id from a cgroup file as the X-Ray SDK finds it: the last 64 characters
   * of the first line longer than that; null when there is none or the file cannot be read.
   */
  @Nullable
  static String containerId(Path cgroup) {
    try (InputStream in = Files.newInputStream(cgroup);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      for (int i = 0; i < MAX_CGROUP_LINES && (line = reader.readLine()) != null; i++) {
        if (line.length() > CONTAINER_ID_LENGTH && line.length() <= MAX_FILE_BYTES) {
          return line.substring(line.length() - CONTAINER_ID_LENGTH);
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.FINE, "Could not read a container id from " + cgroup + ": " + e);
      return null;
    }
  }

  /** Reads a small file; one larger than {@value #MAX_FILE_BYTES} bytes is an error. */
  static byte[] readSmallFile(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
    }
    return Files.readAllBytes(file);
  }

  @Nullable
  static String nonBlank(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }
}

package dev.tracekit.compat.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What one end-to-end run measured, written as a properties file for the result table. */
final class Outcome {
  private final Properties properties = new Properties();

  Outcome put(String key, Object value) {
    properties.setProperty(key, String.valueOf(value));
    return this;
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, "benchmarks end-to-end result");
    }
  }

  @Override
  public String toString() {
    return properties.toString();
  }
}

package dev.tracekit.compat.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a build resolved, read from a {@code dependency:list} output file: each artifact as {@code
 * groupId:artifactId} (with {@code :classifier} when it has one) and its version. Lines are {@code
 * groupId:artifactId:type[:classifier]:version:scope}, possibly followed by {@code -- module ...}
 * or {@code (optional)}.
 */
final class ResolvedDependencies {
  private final Map<String, String> versions;

  private ResolvedDependencies(Map<String, String> versions) {
    this.versions = Collections.unmodifiableMap(versions);
  }

  static ResolvedDependencies read(Path listFile) throws IOException {
    Map<String, String> versions = new TreeMap<>();
    for (String line : Files.readAllLines(listFile, StandardCharsets.UTF_8)) {
      String entry = line.trim();
      int annex = entry.indexOf(' ');
      if (annex >= 0) {
        entry = entry.substring(0, annex);
      }
      String[] parts = entry.split(":");
      if (parts.length == 5) {
        versions.put(parts[0] + ":" + parts[1], parts[3]);
      } else if (parts.length == 6) {
        versions.put(parts[0] + ":" + parts[1] + ":" + parts[3], parts[4]);
      }
    }
    return new ResolvedDependencies(versions);
  }

  /** Every artifact, sorted, with its version. */
  Map<String, String> versions() {
    return versions;
  }

  /** The artifacts whose groupId is {@code groupPrefix} or starts with it, with their versions. */
  Map<String, String> inGroup(String groupPrefix) {
    Map<String, String> matching = new TreeMap<>();
    versions.forEach(
        (artifact, version) -> {
          if (groupOf(artifact).startsWith(groupPrefix)) {
            matching.put(artifact, version);
          }
        });
    return matching;
  }

  /** The version of {@code groupId:artifactId}, if it was resolved. */
  Optional<String> version(String artifact) {
    return Optional.ofNullable(versions.get(artifact));
  }

  static String groupOf(String artifact) {
    return artifact.substring(0, artifact.indexOf(':'));
  }

  static String artifactIdOf(String artifact) {
    String[] parts = artifact.split(":");
    return parts[1];
  }
}

package dev.tracekit.compat.matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jackson's versioning, for the expectations and the report. A release is its first three numbers:
 * a micro-patch ({@code jackson-databind 2.8.11.3}) belongs to its release ({@code 2.8.11}). {@code
 * jackson-annotations} follows the minor version only ({@code 2.8.0} goes with every 2.8 release,
 * {@code 2.20} with 2.20.x). Jackson is aligned when {@code jackson-core} and {@code
 * jackson-databind} are of one release and {@code jackson-annotations} of its minor.
 */
final class JacksonVersions {
  static final String GROUP = "com.fasterxml.jackson";
  static final String CORE = "com.fasterxml.jackson.core:jackson-core";
  static final String DATABIND = "com.fasterxml.jackson.core:jackson-databind";
  static final String ANNOTATIONS = "com.fasterxml.jackson.core:jackson-annotations";
  /** The groups released together with jackson-core, whose versions follow its releases. */
  private static final List<String> RELEASED_TOGETHER =
      Arrays.asList(
          "com.fasterxml.jackson.core",
          "com.fasterxml.jackson.datatype",
          "com.fasterxml.jackson.module");

  private JacksonVersions() {}

  /** True when no Jackson artifact at all was resolved. */
  static boolean absent(ResolvedDependencies resolved) {
    return resolved.inGroup(GROUP).isEmpty();
  }

  /** The one release of core, databind and annotations, if those resolved are aligned. */
  static Optional<String> alignedRelease(ResolvedDependencies resolved) {
    Optional<String> release =
        Optional.ofNullable(resolved.version(CORE).orElse(resolved.version(DATABIND).orElse(null)))
            .map(JacksonVersions::release);
    if (!release.isPresent()) {
      return Optional.empty();
    }
    for (String artifact : Arrays.asList(CORE, DATABIND, ANNOTATIONS)) {
      Optional<String> version = resolved.version(artifact);
      if (version.isPresent() && !belongsTo(artifact, version.get(), release.get())) {
        return Optional.empty();
      }
    }
    return release;
  }

  /**
   * The artifacts of core, datatype and module groups whose version is not of {@code release},
   * as {@code artifact version}.
   */
  static List<String> notOfRelease(ResolvedDependencies resolved, String release) {
    List<String> mismatched = new ArrayList<>();
    for (String group : RELEASED_TOGETHER) {
      for (Map.Entry<String, String> e : resolved.inGroup(group).entrySet()) {
        if (!belongsTo(e.getKey(), e.getValue(), release)) {
          mismatched.add(e.getKey() + " " + e.getValue());
        }
      }
    }
    return mismatched;
  }

  /** "2.18.6" when aligned, "absent", or the versions of core, databind and annotations. */
  static String describe(ResolvedDependencies resolved) {
    if (absent(resolved)) {
      return "absent";
    }
    Optional<String> aligned = alignedRelease(resolved);
    if (aligned.isPresent()) {
      return aligned.get();
    }
    List<String> parts = new ArrayList<>();
    for (String artifact : Arrays.asList(CORE, DATABIND, ANNOTATIONS)) {
      String artifactId = ResolvedDependencies.artifactIdOf(artifact);
      resolved.version(artifact).ifPresent(version -> parts.add(artifactId + " " + version));
    }
    return "not aligned: " + String.join(", ", parts);
  }

  private static boolean belongsTo(String artifact, String version, String release) {
    if (artifact.equals(ANNOTATIONS)) {
      return minor(version).equals(minor(release));
    }
    return release(version).equals(release);
  }

  private static String release(String version) {
    return prefix(version, 3);
  }

  private static String minor(String version) {
    return prefix(version, 2);
  }

  private static String prefix(String version, int numbers) {
    String[] parts = version.split("[.-]");
    return String.join(".", Arrays.asList(parts).subList(0, Math.min(numbers, parts.length)));
  }
}

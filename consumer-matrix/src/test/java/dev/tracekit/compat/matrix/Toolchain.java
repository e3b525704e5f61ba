package dev.tracekit.compat.matrix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The two programs the matrix starts: the outer build's {@code mvn}, so that every consumer is
 * built by the same Maven, and the {@code java} of the JVM running the matrix, which also runs the
 * consumers' builds (as their {@code JAVA_HOME}) and apps. A missing one fails the matrix; it is
 * never skipped.
 */
final class Toolchain {
  final Path mvn;
  final Path javaHome;
  final Path java;

  private Toolchain(Path mvn, Path javaHome, Path java) {
    this.mvn = mvn;
    this.javaHome = javaHome;
    this.java = java;
  }

  /** Finds {@code <mavenHome>/bin/mvn} and {@code <java.home>/bin/java}. */
  static Toolchain locate(Path mavenHome) {
    Path mvn = executable(mavenHome.resolve("bin").resolve("mvn"), "mvn", "maven.home");
    Path javaHome = Paths.get(System.getProperty("java.home"));
    Path java = executable(javaHome.resolve("bin").resolve("java"), "java", "java.home");
    return new Toolchain(mvn, javaHome, java);
  }

  private static Path executable(Path path, String program, String property) {
    if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
      throw new IllegalStateException(
          program + " not found: " + path + " (from " + property + ") is not an executable file;"
              + " the consumer matrix needs it and is not skipped without it");
    }
    return path;
  }
}

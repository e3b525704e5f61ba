package dev.tracekit.compat.matrix;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the matrix is told by the outer build, as system properties that failsafe sets (see
 * consumer-matrix/pom.xml): where the consumers are and where they are built, the version of this
 * reactor, the outer build's local repository and Maven installation, and an optional filter.
 */
final class MatrixSettings {
  /** The consumers' sources: one directory per consumer. */
  final Path consumers;
  /** Where each consumer is copied and built, {@code <work>/<name>}. */
  final Path work;
  /** The markdown report written at the end. */
  final Path report;
  /** This reactor's version, put in place of {@code @tracekit.version@}. */
  final String tracekitVersion;
  /** The outer build's local repository, where this reactor's artifacts were installed. */
  final Path localRepository;
  /** The outer build's Maven installation. */
  final Path mavenHome;
  /** The maven-dependency-plugin version the consumers' dependency lists are made with. */
  final String dependencyPluginVersion;
  /** The consumers to run ({@code -Dmatrix.only=a,b}); empty for all. */
  final Set<String> only;

  private MatrixSettings() {
    consumers = Paths.get(required("matrix.consumers"));
    work = Paths.get(required("matrix.work"));
    report = Paths.get(required("matrix.report"));
    tracekitVersion = required("matrix.tracekitVersion");
    localRepository = Paths.get(required("matrix.localRepository"));
    mavenHome = Paths.get(required("matrix.mavenHome"));
    dependencyPluginVersion = required("matrix.dependencyPluginVersion");
    only = names(System.getProperty("matrix.only", ""));
  }

  static MatrixSettings fromSystemProperties() {
    return new MatrixSettings();
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.trim().isEmpty() || value.startsWith("${")) {
      throw new IllegalStateException(
          "System property " + name + " is not set: run the matrix through Maven"
              + " (mvn -pl consumer-matrix verify), whose failsafe configuration sets it");
    }
    return value.trim();
  }

  private static Set<String> names(String list) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : Arrays.asList(list.split(","))) {
      if (!name.trim().isEmpty() && !name.trim().startsWith("${")) {
        names.add(name.trim());
      }
    }
    return Collections.unmodifiableSet(names);
  }
}

package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.Span;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The packages of tracekit-core depend one way, as in OpenTelemetry Java (docs/architecture.md §1):
 * the API imports no SDK package, the SDK's {@code trace} no {@code export}, nothing below the entry
 * point imports it. Read from the compiled classes with the JDK's {@code jdeps}, so a fully
 * qualified name in code counts as much as an import.
 */
class PackageLayeringTest {
  private static final String ROOT = "dev.tracekit.compat.core";

  /** Each package and the packages of this module it may use. */
  private static final Map<String, Set<String>> ALLOWED = new TreeMap<>();

  static {
    allow("internal");
    allow("api", "internal");
    allow("propagation", "api", "internal");
    allow("trace", "api", "internal");
    allow("export", "trace", "api", "internal");
    allow("", "export", "trace", "propagation", "api", "internal");
  }

  private static void allow(String pkg, String... uses) {
    Set<String> names = new HashSet<>();
    for (String use : uses) {
      names.add(qualified(use));
    }
    ALLOWED.put(qualified(pkg), names);
  }

  private static String qualified(String pkg) {
    return pkg.isEmpty() ? ROOT : ROOT + '.' + pkg;
  }

  @Test
  void everyPackageUsesOnlyThePackagesBelowIt() throws Exception {
    Map<String, Set<String>> actual = packageDependencies();

    assertThat(actual.keySet())
        .as("packages of tracekit-core; a new one gets its place in ALLOWED and the architecture page")
        .isSubsetOf(ALLOWED.keySet())
        .contains(ROOT + ".api", ROOT + ".trace", ROOT + ".export");
    for (Map.Entry<String, Set<String>> entry : actual.entrySet()) {
      assertThat(entry.getValue())
          .as("what %s uses", entry.getKey())
          .isSubsetOf(ALLOWED.get(entry.getKey()));
    }
  }

  @Test
  void theAllowedDependenciesHaveNoCycle() {
    for (String pkg : ALLOWED.keySet()) {
      assertThat(reachableFrom(pkg)).as("packages reachable from %s", pkg).doesNotContain(pkg);
    }
  }

  private static Set<String> reachableFrom(String start) {
    Set<String> seen = new TreeSet<>();
    Set<String> next = new TreeSet<>(ALLOWED.get(start));
    while (!next.isEmpty()) {
      String pkg = next.iterator().next();
      next.remove(pkg);
      if (seen.add(pkg)) {
        next.addAll(ALLOWED.getOrDefault(pkg, Collections.<String>emptySet()));
      }
    }
    return seen;
  }

  /** Package → the other packages of this module it uses, as jdeps reads the main classes. */
  private static Map<String, Set<String>> packageDependencies() throws Exception {
    Map<String, Set<String>> all =
        PackageDependencies.read(PackageDependencies.classesOf(Span.class), ROOT);
    Map<String, Set<String>> ours = new TreeMap<>();
    for (Map.Entry<String, Set<String>> entry : all.entrySet()) {
      if (ours(entry.getKey())) {
        Set<String> uses = new TreeSet<>();
        for (String used : entry.getValue()) {
          if (ours(used)) {
            uses.add(used);
          }
        }
        ours.put(entry.getKey(), uses);
      }
    }
    return ours;
  }

  /** This module's own packages: not the relocated OkHttp inside its jar. */
  private static boolean ours(String pkg) {
    return (pkg.equals(ROOT) || pkg.startsWith(ROOT + '.')) && !pkg.startsWith(ROOT + ".shaded");
  }
}

package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tracekit.compat.core.api.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    Path classes = Paths.get(Span.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jdeps = Paths.get(System.getProperty("java.home"), "bin", "jdeps");
    if (!jdeps.toFile().canExecute()) {
      fail("This test reads the classes with jdeps, which a full JDK (9 or later) has; "
          + jdeps + " is missing. Run the build on a JDK (apt-get install openjdk-17-jdk-headless).");
    }
    Process process =
        new ProcessBuilder(
                Arrays.asList(jdeps.toString(), "-verbose:package", "-filter:none", classes.toString()))
            .redirectErrorStream(true)
            .start();
    String output = readAll(process.getInputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("jdeps finished").isTrue();
    assertThat(process.exitValue()).as("jdeps exit status; its output:%n%s", output).isZero();

    // Lines read "   <from package>   -> <to package>   <where>".
    Pattern edge = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s", Pattern.MULTILINE);
    Map<String, Set<String>> dependencies = new TreeMap<>();
    Matcher m = edge.matcher(output);
    while (m.find()) {
      String from = m.group(1);
      String to = m.group(2);
      if (ours(from)) {
        Set<String> uses = dependencies.computeIfAbsent(from, k -> new TreeSet<>());
        if (ours(to) && !to.equals(from)) {
          uses.add(to);
        }
      }
    }
    assertThat(dependencies).as("packages jdeps found in %s; its output:%n%s", classes, output)
        .isNotEmpty();
    return dependencies;
  }

  /** This module's own packages: not the relocated OkHttp inside its jar. */
  private static boolean ours(String pkg) {
    return (pkg.equals(ROOT) || pkg.startsWith(ROOT + '.')) && !pkg.startsWith(ROOT + ".shaded");
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}

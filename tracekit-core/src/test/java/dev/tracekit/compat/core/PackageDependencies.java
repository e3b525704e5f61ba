package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test kit's reader of which packages use which: the JDK's {@code jdeps} over compiled classes,
 * so that a fully qualified name in code counts as much as an import. For layering tests.
 */
public final class PackageDependencies {
  private PackageDependencies() {}

  /** Returns the folder or jar that {@code type} was loaded from (a module's main classes). */
  public static Path classesOf(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Returns each package in {@code classes} whose name starts with {@code prefix}, and every other
   * package it uses (JDK ones included), as jdeps reads them.
   */
  public static Map<String, Set<String>> read(Path classes, String prefix)
      throws IOException, InterruptedException {
    Path jdeps = Paths.get(System.getProperty("java.home"), "bin", "jdeps");
    if (!jdeps.toFile().canExecute()) {
      fail("Layering tests read the classes with jdeps, which a full JDK (9 or later) has; "
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
      if (from.startsWith(prefix)) {
        Set<String> uses = dependencies.computeIfAbsent(from, k -> new TreeSet<>());
        if (!to.equals(from)) {
          uses.add(to);
        }
      }
    }
    assertThat(dependencies)
        .as("packages under %s that jdeps found in %s; its output:%n%s", prefix, classes, output)
        .isNotEmpty();
    return dependencies;
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

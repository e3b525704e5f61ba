package dev.tracekit.compat.xray.reference;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The small X-Ray programs the reference and drop-in tests run, compiled once per test JVM against
 * the REAL aws-xray-recorder-sdk-core 2.21.0 (never against our classes), from the sources in the
 * test resources folder {@code xray-programs/}, into {@code target/xray-programs}. The same bytecode
 * then runs once over the real SDK and once over the shim, which is what makes the comparisons fair
 * and proves that no recompile is needed.
 */
final class XRayPrograms {
  private static Path compiled;

  private XRayPrograms() {}

  /** Returns the folder of compiled program classes, compiling them on first use. */
  static synchronized Path classes() {
    if (compiled == null) {
      compiled = compile();
    }
    return compiled;
  }

  /** Returns the jars of the real SDK and its runtime dependencies (copied there by the build). */
  static List<Path> referenceJars() {
    Path dir = Paths.get(System.getProperty("xray.reference.dir", "target/xray-reference"));
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars =
          files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
      if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("aws-xray-recorder-sdk-core-2.21.0"))) {
        throw new IllegalStateException("The real X-Ray SDK is missing from " + dir + ": " + jars);
      }
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Run the build (mvn verify) first: it copies the real X-Ray SDK to " + dir, e);
    }
  }

  private static Path compile() {
    Path sources = sourceFolder();
    Path out = Paths.get(System.getProperty("xray.programs.dir", "target/xray-programs"));
    try {
      deleteRecursively(out);
      Files.createDirectories(out);
      List<String> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files =
            walk.filter(f -> f.toString().endsWith(".java"))
                .map(Path::toString)
                .sorted()
                .collect(Collectors.toList());
      }
      String classpath =
          referenceJars().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
      List<String> args =
          new ArrayList<>(
              Arrays.asList(
                  "--release", "8", "-encoding", "UTF-8", "-proc:none", "-nowarn",
                  "-classpath", classpath, "-d", out.toString()));
      args.addAll(files);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (javac == null) {
        throw new IllegalStateException("The tests need a JDK (javax.tools compiler), not a JRE");
      }
      ByteArrayOutputStream messages = new ByteArrayOutputStream();
      int status = javac.run(null, messages, messages, args.toArray(new String[0]));
      if (status != 0) {
        throw new IllegalStateException(
            "Compiling the X-Ray programs failed:\n" + new String(messages.toByteArray(), StandardCharsets.UTF_8));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path sourceFolder() {
    URL url = XRayPrograms.class.getClassLoader().getResource("xray-programs");
    if (url == null || !"file".equals(url.getProtocol())) {
      throw new IllegalStateException("Test resource folder xray-programs not found: " + url);
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}

package dev.tracekit.compat.xray.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvmEnvironment;
import dev.tracekit.compat.core.secrets.SecretLeakGuard;
import dev.tracekit.compat.xray.reference.XRayReference;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the X-Ray programs (compiled against the real SDK, see {@code XRayPrograms}) in a
 * child JVM, on the shim's jars or on the real SDK's, with chosen system properties and environment
 * variables. The child's environment is this one's minus every {@code TRACEKIT_*}, {@code
 * AWS_XRAY_*}, Lambda and container-metadata variable, so that the machine running the tests cannot
 * change the outcome. Output (stdout and stderr together) goes to a file under {@code
 * target/separate-jvm}; the run is bounded to 60 seconds.
 */
final class SeparateJvm {
  private final XRayReference runtime;
  private final String mainClass;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> args = new ArrayList<>();
  private final List<Path> jackson = new ArrayList<>();

  private SeparateJvm(XRayReference runtime, String mainClass) {
    this.runtime = runtime;
    this.mainClass = mainClass;
  }

  /** A run of {@code mainClass} on the shim (this module's classes and its runtime dependencies). */
  static SeparateJvm onShim(String mainClass) {
    return new SeparateJvm(XRayReference.SHIM, mainClass);
  }

  /** A run of {@code mainClass} on the real SDK. */
  static SeparateJvm onRealSdk(String mainClass) {
    return new SeparateJvm(XRayReference.REAL, mainClass);
  }

  SeparateJvm property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  SeparateJvm env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  /** Runs on these Jackson jars instead of the build's (a mixed Jackson, say). */
  SeparateJvm jackson(List<Path> jars) {
    jackson.addAll(jars);
    return this;
  }

  SeparateJvm args(String... values) {
    args.addAll(Arrays.asList(values));
    return this;
  }

  /** Runs the program to its end and returns its exit code and output. */
  Result run(String name) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath()));
    for (Map.Entry<String, String> p : properties.entrySet()) {
      command.add("-D" + p.getKey() + "=" + p.getValue());
    }
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    ChildJvmEnvironment.removeTracingSettings(builder.environment());
    builder.environment().putAll(environment);
    Path dir = Paths.get("target", "separate-jvm");
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not end within 60 s; output: " + read(log));
    }
    String output = read(log);
    SecretLeakGuard.inspect("output of the separate JVM " + name, output);
    return new Result(process.exitValue(), output);
  }

  private List<String> classpath() {
    List<String> entries = runtimeClasspath();
    if (!jackson.isEmpty()) {
      entries.removeIf(entry -> Paths.get(entry).getFileName().toString().startsWith("jackson-"));
      for (Path jar : jackson) {
        entries.add(jar.toString());
      }
    }
    return entries;
  }

  private List<String> runtimeClasspath() {
    List<String> entries = new ArrayList<>();
    entries.add(XRayReference.programClasses().toString());
    if (runtime == XRayReference.REAL) {
      for (Path jar : XRayReference.realSdkJars()) {
        entries.add(jar.toString());
      }
      return entries;
    }
    entries.add(System.getProperty("xray.shim.classes", "target/classes"));
    Path file = Paths.get(System.getProperty("xray.shim.classpath", "target/shim-runtime.classpath"));
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
      entries.addAll(Arrays.asList(text.split(File.pathSeparator)));
    } catch (IOException e) {
      throw new UncheckedIOException("Run the build first: it writes " + file, e);
    }
    return entries;
  }

  private static String read(Path log) throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
  }

  /** How a run ended. */
  static final class Result {
    final int exitCode;
    final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    /** Returns the text after {@code prefix + " "} on the first output line starting with it. */
    String line(String prefix) {
      for (String line : output.split("\\R")) {
        if (line.startsWith(prefix + " ")) {
          return line.substring(prefix.length() + 1);
        }
      }
      throw new AssertionError("no line starting with " + prefix + " in:\n" + output);
    }

    int count(String text) {
      int n = 0;
      for (String line : output.split("\\R")) {
        if (line.contains(text)) {
          n++;
        }
      }
      return n;
    }

    Result assertSucceeded() {
      assertThat(exitCode).as("exit code; output:\n%s", output).isZero();
      return this;
    }
  }
}

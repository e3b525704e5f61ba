package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvmEnvironment;
import dev.tracekit.compat.core.secrets.SecretLeakGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a child JVM (this JVM's {@code java}), with chosen
 * JVM options, and waits for it within a liveness bound. The child's environment is this one's
 * minus every {@code TRACEKIT_*}, {@code AWS_XRAY_*} and Lambda variable; its output (stdout and
 * stderr) goes to {@code target/child-jvm/<name>.log}. Results are printed as {@code KEY value}
 * lines that {@link Result#line} reads.
 */
final class ChildJvm {
  private final String mainClass;
  private final List<String> options = new ArrayList<>();
  private final List<String> args = new ArrayList<>();

  private ChildJvm(Class<?> mainClass) {
    this.mainClass = mainClass.getName();
  }

  static ChildJvm of(Class<?> mainClass) {
    return new ChildJvm(mainClass);
  }

  /** Adds a JVM option such as {@code -Xmx64m} or {@code -Dkey=value}. */
  ChildJvm option(String option) {
    options.add(option);
    return this;
  }

  ChildJvm args(String... values) {
    args.addAll(Arrays.asList(values));
    return this;
  }

  /**
   * Runs the child to its end, at most {@code boundSeconds} (a liveness bound: the child is killed
   * and the test fails beyond it), and returns how it ended and how long it took.
   */
  Result run(String name, long boundSeconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    ChildJvmEnvironment.removeTracingSettings(builder.environment());
    Path dir = Paths.get("target", "child-jvm");
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    builder.redirectOutput(log.toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(boundSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          name + " did not end within " + boundSeconds + " s; output:\n" + read(log));
    }
    long endedAt = System.currentTimeMillis();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    return new Result(process.exitValue(), read(log), millis, endedAt);
  }

  private static String read(Path log) throws IOException {
    String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    SecretLeakGuard.inspect("output of the child JVM " + log.getFileName(), output);
    return output;
  }

  /** How a child JVM ended. */
  static final class Result {
    final int exitCode;
    final String output;
    /** From start to exit, as seen by the parent: JVM start-up included. */
    final long millis;
    /** When the parent saw the child gone, in epoch milliseconds. */
    final long endedAtEpochMillis;

    Result(int exitCode, String output, long millis, long endedAtEpochMillis) {
      this.exitCode = exitCode;
      this.output = output;
      this.millis = millis;
      this.endedAtEpochMillis = endedAtEpochMillis;
    }

    /** Returns the text after {@code key + " "} on the first output line starting with it. */
    String line(String key) {
      for (String line : output.split("\\R")) {
        if (line.startsWith(key + " ")) {
          return line.substring(key.length() + 1);
        }
      }
      throw new AssertionError("no line starting with " + key + " in:\n" + output);
    }

    long number(String key) {
      return Long.parseLong(line(key).trim());
    }

    Result assertSucceeded() {
      assertThat(exitCode).as("exit code; output:\n%s", output).isZero();
      return this;
    }
  }
}

package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.secrets.SecretLeakGuard;
import java.io.File;
import java.io.IOException;
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
import java.util.function.Predicate;

/**
 * The test kit's child-JVM launcher: runs a main class in a new JVM (this JVM's {@code java}), by
 * default on this JVM's class path, and waits for it within a liveness bound (beyond it the child
 * is killed and the test fails). The child's environment is this one's without the tracing settings
 * ({@link ChildJvmEnvironment}), and anything else {@link #removeEnvironment} names, plus what
 * {@link #env} sets, so the machine running the build cannot change the outcome. Its output goes to
 * {@code target/child-jvm/<name>.log} (stdout and stderr together, or two files with {@link
 * #separateStderr()}) and is searched for planted secrets ({@link SecretLeakGuard}). The {@link
 * Result} says how it ended and when.
 */
public final class ChildJvm {
  /** The bound of {@link #run(String)}. */
  public static final long DEFAULT_BOUND_SECONDS = 60;

  private final String mainClass;
  private List<String> classpath;
  private final List<String> options = new ArrayList<>();
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Predicate<String> removedVariables = name -> false;
  private final List<String> args = new ArrayList<>();
  private boolean separateStderr;

  private ChildJvm(String mainClass) {
    this.mainClass = mainClass;
    String ours = System.getProperty("java.class.path");
    this.classpath = new ArrayList<>(Arrays.asList(ours.split(File.pathSeparator)));
  }

  /** A run of {@code mainClass} on this JVM's class path. */
  public static ChildJvm of(Class<?> mainClass) {
    return new ChildJvm(mainClass.getName());
  }

  /** A run of the class named {@code mainClass}; give a {@link #classpath} unless it is on ours. */
  public static ChildJvm of(String mainClass) {
    return new ChildJvm(mainClass);
  }

  /** Runs on these class path entries instead of this JVM's. */
  public ChildJvm classpath(List<String> entries) {
    this.classpath = new ArrayList<>(entries);
    return this;
  }

  /** Drops the class path entries whose file name starts with {@code prefix}; adds {@code jars}. */
  public ChildJvm replaceJars(String prefix, List<Path> jars) {
    classpath.removeIf(entry -> Paths.get(entry).getFileName().toString().startsWith(prefix));
    for (Path jar : jars) {
      classpath.add(jar.toString());
    }
    return this;
  }

  /** Adds a JVM option such as {@code -Xmx64m}. */
  public ChildJvm option(String option) {
    options.add(option);
    return this;
  }

  /** Sets the system property {@code key} ({@code -Dkey=value}). */
  public ChildJvm property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  /** Sets the environment variable {@code key} in the child. */
  public ChildJvm env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  /** Sets these environment variables in the child. */
  public ChildJvm env(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  /** Also keeps from the child the inherited variables whose names {@code names} accepts. */
  public ChildJvm removeEnvironment(Predicate<String> names) {
    removedVariables = removedVariables.or(names);
    return this;
  }

  public ChildJvm args(String... values) {
    args.addAll(Arrays.asList(values));
    return this;
  }

  /** Writes stderr to a file of its own ({@link Result#stderr}) instead of into the output. */
  public ChildJvm separateStderr() {
    separateStderr = true;
    return this;
  }

  /** Runs the child to its end within {@link #DEFAULT_BOUND_SECONDS}. */
  public Result run(String name) throws IOException, InterruptedException {
    return run(name, DEFAULT_BOUND_SECONDS);
  }

  /**
   * Runs the child to its end, at most {@code boundSeconds} (a liveness bound: the child is killed
   * and the test fails beyond it), and returns how it ended and how long it took.
   */
  public Result run(String name, long boundSeconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    for (Map.Entry<String, String> p : properties.entrySet()) {
      command.add("-D" + p.getKey() + "=" + p.getValue());
    }
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    ChildJvmEnvironment.removeTracingSettings(builder.environment());
    builder.environment().keySet().removeIf(removedVariables);
    builder.environment().putAll(environment);
    Path dir = Paths.get("target", "child-jvm");
    Files.createDirectories(dir);
    Path log = dir.resolve(name + (separateStderr ? ".stdout.log" : ".log"));
    Path errors = dir.resolve(name + ".stderr.log");
    builder.redirectOutput(log.toFile());
    if (separateStderr) {
      builder.redirectError(errors.toFile());
    } else {
      builder.redirectErrorStream(true);
    }
    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(boundSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          name + " did not end within " + boundSeconds + " s; output:\n" + read(log)
              + (separateStderr ? "\nstderr:\n" + read(errors) : ""));
    }
    long endedAt = System.currentTimeMillis();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String output = read(log);
    SecretLeakGuard.inspect("output of the child JVM " + name, output);
    String stderr = "";
    if (separateStderr) {
      stderr = read(errors);
      SecretLeakGuard.inspect("stderr of the child JVM " + name, stderr);
    }
    return new Result(process.exitValue(), output, stderr, millis, endedAt);
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  /** How a child JVM ended. */
  public static final class Result {
    public final int exitCode;
    /** stdout, with stderr unless the run {@link #separateStderr() separated} it. */
    public final String output;
    /** stderr when separated, else empty. */
    public final String stderr;
    /** From start to exit, as seen by the parent: JVM start-up included. */
    public final long millis;
    /** When the parent saw the child gone, in epoch milliseconds. */
    public final long endedAtEpochMillis;

    Result(int exitCode, String output, String stderr, long millis, long endedAtEpochMillis) {
      this.exitCode = exitCode;
      this.output = output;
      this.stderr = stderr;
      this.millis = millis;
      this.endedAtEpochMillis = endedAtEpochMillis;
    }

    /** Returns the text after {@code key + " "} on the first output line starting with it. */
    public String line(String key) {
      for (String line : output.split("\\R")) {
        if (line.startsWith(key + " ")) {
          return line.substring(key.length() + 1);
        }
      }
      throw new AssertionError("no line starting with " + key + " in:\n" + output);
    }

    /** Returns the number on the {@link #line} of {@code key}. */
    public long number(String key) {
      return Long.parseLong(line(key).trim());
    }

    /** Returns how many output lines contain {@code text}. */
    public int count(String text) {
      int n = 0;
      for (String line : output.split("\\R")) {
        if (line.contains(text)) {
          n++;
        }
      }
      return n;
    }

    public Result assertSucceeded() {
      assertThat(exitCode).as("exit code; output:\n%s", output).isZero();
      return this;
    }
  }
}

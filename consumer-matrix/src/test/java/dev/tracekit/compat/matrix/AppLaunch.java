package dev.tracekit.compat.matrix;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a built consumer app in a JVM of its own, as its consumer.properties says: {@code java
 * [run.jvmArgs] -cp target/classes:<run-time class path> <run.main>}, {@code java [run.jvmArgs]
 * -p ... -m <run.module>/<run.main>} with {@code run.modulepath=true}, or {@code java
 * [run.jvmArgs] -jar <run.jar>}; traced to the matrix's collector (see {@link ChildEnvironment}).
 * The app must end by itself within {@link #TIMEOUT}. Log: {@code run.log}.
 */
final class AppLaunch {
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private AppLaunch() {}

  /** Runs the app built in {@code dir}; its run-time class path is in {@code runtimeClasspath}. */
  static ChildProcess.Result run(
      Consumer consumer, Path dir, Path runtimeClasspath, Toolchain tools, String endpoint)
      throws IOException, InterruptedException {
    return ChildProcess.run(
        "java",
        command(consumer, dir, runtimeClasspath, tools.java),
        dir,
        ChildEnvironment.forApp(consumer, endpoint),
        dir.resolve("run.log"),
        TIMEOUT);
  }

  static List<String> command(Consumer consumer, Path dir, Path runtimeClasspath, Path java)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(consumer.jvmArgs());
    if (consumer.jar().isPresent()) {
      command.add("-jar");
      command.add(dir.resolve(consumer.jar().get()).toString());
      return command;
    }
    String path = dir.resolve("target/classes") + classpathSuffix(runtimeClasspath);
    String main =
        consumer.main().orElseThrow(() -> new IllegalStateException(consumer + " has no run.main"));
    if (consumer.modulePath()) {
      command.add("-p");
      command.add(path);
      command.add("-m");
      command.add(consumer.module().get() + "/" + main);
    } else {
      command.add("-cp");
      command.add(path);
      command.add(main);
    }
    return command;
  }

  private static String classpathSuffix(Path runtimeClasspath) throws IOException {
    String classpath =
        new String(Files.readAllBytes(runtimeClasspath), StandardCharsets.UTF_8).trim();
    return classpath.isEmpty() ? "" : File.pathSeparator + classpath;
  }
}

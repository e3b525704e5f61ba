package dev.tracekit.compat.matrix;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A consumer's Maven runs, with the outer build's {@code mvn} and local repository (where this
 * reactor's artifacts were installed): the build itself, which also lists what the app resolves at
 * run time ({@code target/deps-after.txt}) and writes its run-time class path ({@code
 * target/runtime.classpath}); and the resolution of the pom from before the swap ({@code
 * target/deps-before.txt}). The dependency plugin is named with the outer build's version, so that
 * the lists have one format whatever the app's parent manages. Logs: {@code build.log}, {@code
 * before.log}.
 */
final class ConsumerBuild {
  /** Long enough for a first build that downloads its dependencies; a hung build still ends. */
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final Toolchain tools;
  private final MatrixSettings settings;
  private final Path dir;

  ConsumerBuild(Toolchain tools, MatrixSettings settings, Path dir) {
    this.tools = tools;
    this.settings = settings;
    this.dir = dir;
  }

  Path afterList() {
    return dir.resolve("target/deps-after.txt");
  }

  Path beforeList() {
    return dir.resolve("target/deps-before.txt");
  }

  Path runtimeClasspath() {
    return dir.resolve("target/runtime.classpath");
  }

  /** Runs {@code goal} (the consumer's run.build) and lists the app's run-time dependencies. */
  ChildProcess.Result build(String goal) throws IOException, InterruptedException {
    List<String> command = maven();
    command.addAll(
        Arrays.asList(
            goal,
            dependencyGoal("list"),
            "-DincludeScope=runtime",
            "-DoutputFile=" + afterList(),
            dependencyGoal("build-classpath"),
            "-Dmdep.outputFile=" + runtimeClasspath()));
    return run(command, "build.log");
  }

  /** Lists the run-time dependencies of {@code beforePom}. */
  ChildProcess.Result listBefore(Path beforePom) throws IOException, InterruptedException {
    List<String> command = maven();
    command.addAll(
        Arrays.asList(
            "-f",
            beforePom.toString(),
            dependencyGoal("list"),
            "-DincludeScope=runtime",
            "-DoutputFile=" + beforeList()));
    return run(command, "before.log");
  }

  private List<String> maven() {
    return new ArrayList<>(
        Arrays.asList(
            tools.mvn.toString(), "-B", "-ntp", "-Dmaven.repo.local=" + settings.localRepository));
  }

  private String dependencyGoal(String goal) {
    return "org.apache.maven.plugins:maven-dependency-plugin:"
        + settings.dependencyPluginVersion
        + ":"
        + goal;
  }

  private ChildProcess.Result run(List<String> command, String log)
      throws IOException, InterruptedException {
    return ChildProcess.run(
        "mvn", command, dir, ChildEnvironment.forBuild(tools), dir.resolve(log), TIMEOUT);
  }
}

package dev.tracekit.compat.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external program (a consumer's build or the app itself) to its end or its deadline,
 * its output and errors going to a log file that starts with the command line. At the deadline, or
 * when the wait is interrupted, the program and every process it started are killed.
 */
final class ChildProcess {
  private static final int TAIL_LINES = 60;

  /** How a program ended. */
  static final class Result {
    private final String program;
    private final Path log;
    /** Null when the program was killed at its deadline. */
    private final Integer exitCode;
    private final Duration timeout;

    Result(String program, Path log, Integer exitCode, Duration timeout) {
      this.program = program;
      this.log = log;
      this.exitCode = exitCode;
      this.timeout = timeout;
    }

    boolean timedOut() {
      return exitCode == null;
    }

    boolean succeeded() {
      return exitCode != null && exitCode == 0;
    }

    /** "exit 0", "exit 1", or "timed out after 120 s". */
    String outcome() {
      return timedOut() ? "timed out after " + timeout.getSeconds() + " s" : "exit " + exitCode;
    }

    /** What went wrong, with the end of the log: for an assertion message. */
    String failure() {
      return program + ": " + outcome() + ", log " + log + "; last lines:\n" + tail();
    }

    private String tail() {
      try {
        // Decoded leniently: a program may print bytes that are not UTF-8.
        List<String> lines =
            Arrays.asList(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n"));
        List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return String.join("\n", tail);
      } catch (IOException e) {
        return "(cannot read the log: " + e + ")";
      }
    }
  }

  private ChildProcess() {}

  /**
   * Runs {@code command} in {@code directory} with exactly {@code environment}, no input, and its
   * output in {@code log}; waits at most {@code timeout}.
   */
  static Result run(
      String program,
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Path log,
      Duration timeout)
      throws IOException, InterruptedException {
    Files.write(log, ("$ " + String.join(" ", command) + "\n").getBytes(StandardCharsets.UTF_8));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Result(program, log, ended ? process.exitValue() : null, timeout);
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}

package dev.tracekit.compat.bridge;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.core.ChildJvmEnvironment;
import dev.tracekit.compat.core.secrets.SecretLeakGuard;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's real entry point ({@link XRayDaemonBridge#main}) running in a child JVM that the
 * test stops itself, as an operator's SIGTERM does ({@link Process#destroy()}): the one thing
 * {@link ChildJvm}, which runs a child to its end, cannot do. Like it: this JVM's {@code java} and
 * class path, the tracing settings of the machine removed ({@link ChildJvmEnvironment}), output in
 * {@code target/child-jvm/}, searched for planted secrets ({@link SecretLeakGuard}).
 */
final class BridgeProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("receiving segments on UDP [^ ]*/([0-9.]+):(\\d+), answering sampling calls on TCP [^ ]*/([0-9.]+):(\\d+)");

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private boolean inspected;

  private BridgeProcess(String name, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts the bridge with {@code args}, and {@code environment} over the scrubbed one. */
  static BridgeProcess start(String name, Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(XRayDaemonBridge.class.getName());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    ChildJvmEnvironment.removeTracingSettings(builder.environment());
    builder.environment().putAll(environment);
    Path dir = Paths.get("target", "child-jvm");
    Files.createDirectories(dir);
    Path out = dir.resolve(name + ".stdout.log");
    Path err = dir.resolve(name + ".stderr.log");
    builder.redirectOutput(out.toFile());
    builder.redirectError(err.toFile());
    return new BridgeProcess(name, builder.start(), out, err);
  }

  /** Waits (liveness bound) for the line that says where it listens; returns the UDP address. */
  InetSocketAddress awaitUdpAddress() {
    Matcher[] found = new Matcher[1];
    Eventually.until(
        name + " to say where it listens",
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(name + " ended early (" + process.exitValue() + "): " + stderr());
          }
          Matcher m = LISTENING.matcher(stderr());
          if (m.find()) {
            found[0] = m;
            return true;
          }
          return false;
        },
        this::stderr);
    return new InetSocketAddress(found[0].group(1), Integer.parseInt(found[0].group(2)));
  }

  /** Sends SIGTERM; waits at most {@code boundSeconds} for the exit; returns the exit code. */
  int terminate(long boundSeconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(boundSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(name + " did not stop within " + boundSeconds + " s of SIGTERM: " + stderr());
    }
    inspect();
    return process.exitValue();
  }

  String stderr() {
    return read(stderr);
  }

  String stdout() {
    return read(stdout);
  }

  /** The stderr lines that contain {@code text}. */
  List<String> stderrLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : stderr().split("\\R")) {
      if (line.contains(text)) {
        lines.add(line);
      }
    }
    return lines;
  }

  private void inspect() {
    if (!inspected) {
      inspected = true;
      SecretLeakGuard.inspect("stdout of the bridge process " + name, stdout());
      SecretLeakGuard.inspect("stderr of the bridge process " + name, stderr());
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    inspect();
  }
}

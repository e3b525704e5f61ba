package dev.tracekit.compat.bridge.sdks;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real X-Ray SDKs of other languages against a bridge: the Node.js SDK ({@code
 * aws-xray-sdk-core}, pinned in {@code src/test/sdk-programs/node/package.json}) and Debian's Python
 * SDK ({@code python3-aws-xray-sdk}, run with {@code /usr/bin/python3}).
 *
 * <p>Each program sends its segment datagrams to {@code udp:127.0.0.1:<udpPort>}, asks for sampling
 * rules and targets on {@code tcp:127.0.0.1:<tcpPort>} (the Python SDK 0.95 has no centralized
 * sampling and never does), calls {@code httpUrl} from inside its segment, and prints as the last line
 * of stdout one JSON object with what it observed; {@link Result#lastLine()} hands it over unparsed.
 * The programs' own comments say what they exercise and what their report holds.
 *
 * <p>A machine without Node.js and npm, or without Debian's {@code python3-aws-xray-sdk}, fails the
 * test with an {@link AssertionError} that says what to install: these tests never skip.
 *
 * <p>The children see only PATH and HOME of this JVM's environment, plus the X-Ray and program
 * variables: no {@code TRACEKIT_*} or {@code OTEL_*} setting reaches them.
 */
public final class OtherLanguageSdks {

  /** How long one program may run; it is killed after that. */
  static final long PROGRAM_TIMEOUT_SECONDS = 60;

  /** How long {@code npm ci} may run (it downloads the SDK the first time on a machine). */
  static final long NPM_CI_TIMEOUT_SECONDS = 300;

  static final String DEBIAN_PYTHON = "/usr/bin/python3";

  private static final String NODE_INSTALL_HINT =
      "install Node.js (20 or later) and npm, e.g. on Debian: apt-get install -y nodejs npm";
  private static final String PYTHON_INSTALL_HINT =
      "install Debian's X-Ray SDK for Python: apt-get install -y python3-aws-xray-sdk";

  private static final List<String> NODE_PROGRAM_FILES =
      Collections.unmodifiableList(Arrays.asList("package.json", "package-lock.json", "program.js"));

  private static Path preparedNodeDir;
  private static boolean pythonChecked;

  private OtherLanguageSdks() {}

  /** What a program did: its exit code, its whole stdout and stderr, and its last stdout line. */
  public static final class Result {
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    Result(int exitCode, String stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    public int exitCode() {
      return exitCode;
    }

    public String stdout() {
      return stdout;
    }

    public String stderr() {
      return stderr;
    }

    /** The last non-blank line of stdout (the program's JSON report), or "" when there is none. */
    public String lastLine() {
      String[] lines = stdout.split("\r?\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        if (!lines[i].trim().isEmpty()) {
          return lines[i].trim();
        }
      }
      return "";
    }

    @Override
    public String toString() {
      return "exit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  /** Runs {@code program.js} with the Node.js X-Ray SDK against the given ports. */
  public static Result runNode(int udpPort, int tcpPort, String httpUrl) {
    return runNode(udpPort, tcpPort, httpUrl, Collections.<String, String>emptyMap());
  }

  /**
   * Runs {@code program.js} with extra {@code PROGRAM_*} variables, e.g. {@code
   * PROGRAM_SAMPLING_TARGETS=now} (ask for sampling targets at once instead of waiting about 10 s
   * for the SDK's own target poller) or {@code PROGRAM_STREAMING_THRESHOLD=0} (stream every
   * subsegment as its own datagram).
   */
  public static Result runNode(int udpPort, int tcpPort, String httpUrl, Map<String, String> programEnv) {
    Path dir = prepareNode();
    return run(
        Arrays.asList("node", "program.js"), dir, environment(udpPort, tcpPort, httpUrl, programEnv),
        PROGRAM_TIMEOUT_SECONDS);
  }

  /** Runs {@code program.py} with Debian's Python X-Ray SDK against the given ports. */
  public static Result runPython(int udpPort, int tcpPort, String httpUrl) {
    return runPython(udpPort, tcpPort, httpUrl, Collections.<String, String>emptyMap());
  }

  /**
   * Runs {@code program.py} with extra {@code PROGRAM_*} variables, e.g. {@code
   * PROGRAM_STREAMING_THRESHOLD=0}.
   */
  public static Result runPython(int udpPort, int tcpPort, String httpUrl, Map<String, String> programEnv) {
    Path dir = preparePython();
    return run(
        Arrays.asList(DEBIAN_PYTHON, "program.py"), dir,
        environment(udpPort, tcpPort, httpUrl, programEnv), PROGRAM_TIMEOUT_SECONDS);
  }

  // ---------------------------------------------------------------------------------------------

  private static synchronized Path prepareNode() {
    if (preparedNodeDir != null) {
      return preparedNodeDir;
    }
    requireTool(Arrays.asList("node", "--version"), "node", NODE_INSTALL_HINT);
    requireTool(Arrays.asList("npm", "--version"), "npm", NODE_INSTALL_HINT);
    Path source = moduleDir().resolve("src/test/sdk-programs/node");
    Path target = moduleDir().resolve("target/sdk-programs/node");
    try {
      Files.createDirectories(target);
      boolean lockChanged = !sameContent(source.resolve("package-lock.json"), target.resolve("package-lock.json"));
      for (String file : NODE_PROGRAM_FILES) {
        Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
      Path nodeModules = target.resolve("node_modules");
      if (lockChanged && Files.exists(nodeModules)) {
        deleteTree(nodeModules);
      }
      if (!Files.isDirectory(nodeModules)) {
        Map<String, String> env = baseEnvironment();
        Result ci = run(Arrays.asList("npm", "ci", "--no-audit", "--no-fund"), target, env, NPM_CI_TIMEOUT_SECONDS);
        if (ci.exitCode() != 0) {
          throw new AssertionError("npm ci failed in " + target + " (" + NODE_INSTALL_HINT
              + "; the npm registry must be reachable the first time)\n" + ci);
        }
      }
    } catch (IOException e) {
      throw new AssertionError("could not prepare " + target + ": " + e, e);
    }
    preparedNodeDir = target;
    return target;
  }

  private static synchronized Path preparePython() {
    Path source = moduleDir().resolve("src/test/sdk-programs/python/program.py");
    Path target = moduleDir().resolve("target/sdk-programs/python");
    if (!pythonChecked) {
      if (!new File(DEBIAN_PYTHON).canExecute()) {
        throw new AssertionError(DEBIAN_PYTHON + " is missing: " + PYTHON_INSTALL_HINT);
      }
      // Imported with no AWS_XRAY_DAEMON_ADDRESS, which the SDK would parse at import time.
      Result probe = run(
          Arrays.asList(DEBIAN_PYTHON, "-c", "import aws_xray_sdk.core, requests"),
          moduleDir(), baseEnvironment(), PROGRAM_TIMEOUT_SECONDS);
      if (probe.exitCode() != 0) {
        throw new AssertionError(DEBIAN_PYTHON + " cannot import aws_xray_sdk: " + PYTHON_INSTALL_HINT + "\n" + probe);
      }
      pythonChecked = true;
    }
    try {
      Files.createDirectories(target);
      Files.copy(source, target.resolve("program.py"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new AssertionError("could not prepare " + target + ": " + e, e);
    }
    return target;
  }

  /** The module's base directory: surefire's working directory, or the module below a reactor root. */
  static Path moduleDir() {
    Path userDir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate : Arrays.asList(userDir, userDir.resolve("xray-daemon-bridge"))) {
      if (Files.isRegularFile(candidate.resolve("src/test/sdk-programs/node/package.json"))) {
        return candidate;
      }
    }
    throw new AssertionError("cannot find src/test/sdk-programs from user.dir " + userDir
        + " (run the tests from the xray-daemon-bridge module)");
  }

  private static void requireTool(List<String> command, String name, String hint) {
    Result result;
    try {
      result = run(command, moduleDir(), baseEnvironment(), PROGRAM_TIMEOUT_SECONDS);
    } catch (AssertionError e) {
      throw new AssertionError(name + " cannot be run: " + hint + " (" + e.getMessage() + ")", e);
    }
    if (result.exitCode() != 0) {
      throw new AssertionError(name + " cannot be run: " + hint + "\n" + result);
    }
  }

  /** PATH and HOME of this JVM, nothing else. */
  private static Map<String, String> baseEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : Arrays.asList("PATH", "HOME")) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    return env;
  }

  private static Map<String, String> environment(
      int udpPort, int tcpPort, String httpUrl, Map<String, String> programEnv) {
    Map<String, String> env = baseEnvironment();
    env.put("AWS_XRAY_DAEMON_ADDRESS", "tcp:127.0.0.1:" + tcpPort + " udp:127.0.0.1:" + udpPort);
    env.put("PROGRAM_HTTP_URL", httpUrl);
    for (Map.Entry<String, String> e : programEnv.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("TRACEKIT_") || name.startsWith("OTEL_")) {
        throw new IllegalArgumentException("the SDK programs never get " + name);
      }
      env.put(name, e.getValue());
    }
    return env;
  }

  private static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds) {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // the child does not read its input
    }
    Drain out = new Drain(process.getInputStream());
    Drain err = new Drain(process.getErrorStream());
    out.start();
    err.start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        out.join(5000);
        err.join(5000);
        throw new AssertionError(String.join(" ", command) + " in " + dir + " did not finish within "
            + timeoutSeconds + " s and was killed\n--- stdout\n" + out.text() + "--- stderr\n" + err.text());
      }
      out.join(10000);
      err.join(10000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + String.join(" ", command), e);
    }
    return new Result(process.exitValue(), out.text(), err.text());
  }

  private static boolean sameContent(Path a, Path b) throws IOException {
    return Files.isRegularFile(b) && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  private static void deleteTree(Path root) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      walk.forEach(paths::add);
    }
    Collections.reverse(paths);
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }

  /** Reads one of the child's streams to its end, so that a full pipe never blocks the child. */
  private static final class Drain extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Drain(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) != -1; ) {
          synchronized (bytes) {
            bytes.write(buffer, 0, n);
          }
        }
      } catch (IOException ignored) {
        // the child went away; what was read is kept
      }
    }

    String text() {
      synchronized (bytes) {
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
      }
    }
  }
}

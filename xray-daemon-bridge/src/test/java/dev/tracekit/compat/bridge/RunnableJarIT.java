package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvmEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The bridge as users get it: the shaded jar, run with {@code java -jar}. Every class in it (ours
 * and the dependencies inside) is Java 8 bytecode or a newer JDK's optional variant, and the jar
 * starts, receives a segment, and on SIGTERM prints it and its last summary line.
 */
class RunnableJarIT {
  private static final Path JAR = Paths.get(System.getProperty("bridge.jar", "target/xray-daemon-bridge.jar"));

  @Test
  void everyClassInTheJarRunsOnJava8() throws IOException {
    List<String> newer = new ArrayList<>();
    int classes = 0;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(XRayDaemonBridge.class.getName());
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        // Multi-release variants for Java 9+ are read only by those JVMs.
        if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/versions/")) {
          continue;
        }
        classes++;
        try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
          in.readInt();
          in.readUnsignedShort();
          int major = in.readUnsignedShort();
          if (major > 52) {
            newer.add(entry.getName() + " (class file " + major + ")");
          }
        }
      }
    }
    assertThat(classes).as("classes in %s", JAR).isGreaterThan(1_000);
    assertThat(newer).as("classes newer than Java 8").isEmpty();
  }

  @Test
  void helpExitsZero() throws Exception {
    Process bridge = start("--help");
    assertThat(bridge.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bridge.exitValue()).isZero();
    assertThat(read(bridge.getInputStream())).contains("--bind", "--bind-tcp", "--sampling-rules", "--forward-to");
  }

  @Test
  void theJarReceivesASegmentAndSaysSoWhenStopped() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process bridge = start("-b", "127.0.0.1:" + port, "-t", "127.0.0.1:0");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = copy(bridge.getInputStream(), output);
    awaitText(output, "receiving segments on UDP", bridge);

    byte[] datagram = Files.readAllBytes(fixture("go-segment.json"));
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }
    awaitText(output, "go-checkout", bridge);
    // SIGTERM by kill: Process.destroy() would also close the pipe the last lines come through.
    new ProcessBuilder("kill", "-TERM", String.valueOf(pid(bridge))).inheritIO().start().waitFor();
    assertThat(bridge.waitFor(30, TimeUnit.SECONDS)).as("stopped within its flush bound").isTrue();
    reader.join(5_000);

    String text = new String(output.toByteArray(), StandardCharsets.UTF_8);
    assertThat(text).contains("xray-daemon-bridge: 1 datagrams (1 segments");
    assertThat(text).contains("0 malformed");
  }

  private static Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    ChildJvmEnvironment.removeTracingSettings(builder.environment());
    builder.environment().remove("AWS_XRAY_DAEMON_ADDRESS");
    return builder.start();
  }

  private static Path fixture(String name) {
    return Paths.get("src", "test", "resources", "documents", name);
  }

  private static void awaitText(ByteArrayOutputStream output, String text, Process process)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      synchronized (output) {
        if (new String(output.toByteArray(), StandardCharsets.UTF_8).contains(text)) {
          return;
        }
      }
      assertThat(process.isAlive()).as("the bridge is running; it said:%n%s", output).isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("The bridge never said '" + text + "'; it said:\n" + output);
  }

  private static Thread copy(InputStream in, ByteArrayOutputStream out) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          synchronized (out) {
            out.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // The process ended.
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Reads a stream of a process that has ended, to its end. */
  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Process.pid() is Java 9+; the tests compile for Java 8 and run on the JDK 17. */
  private static long pid(Process process) throws ReflectiveOperationException {
    return (Long) Process.class.getMethod("pid").invoke(process);
  }
}

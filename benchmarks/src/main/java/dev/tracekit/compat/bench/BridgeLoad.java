package dev.tracekit.compat.bench;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.tracekit.compat.bench.sink.LoopbackSink;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon bridge under load (issue 17): X-Ray datagrams, each one segment with 3 nested
 * subsegments as the real Java SDK writes them, sent at a fixed rate to the bridge's runnable jar
 * (its own JVM, {@code -Xmx64m}), which forwards them to a loopback OTLP sink; after a warm-up of
 * {@value #WARM_UP_SECONDS} s at the same rate (reported apart), the measured run. Reports what was
 * sent, received, lost at the socket (the kernel's UDP receive-buffer errors) and delivered, the
 * receive buffer the kernel gave, and the bridge process's CPU per span (all its threads: receiver,
 * exporter, GC, JIT).
 *
 * <p>{@code shim-exporter} mode measures, on the shim's class path, the same requests made in
 * process through the X-Ray API at the same rate: the CPU per span of the shim's background
 * threads (its exporter and HTTP dispatcher), what a service pays to export in process, for
 * comparison. Not a test: numbers for {@code benchmarks/run.sh}.
 */
final class BridgeLoad {
  private static final int SPANS_PER_DATAGRAM = 4;
  private static final int DISTINCT_DATAGRAMS = 1_000;
  private static final int WARM_UP_SECONDS = 10;
  private static final Pattern DATAGRAMS = Pattern.compile("xray-daemon-bridge: (\\d+) datagrams");
  private static final Pattern BUFFER = Pattern.compile("receive buffer (\\d+) bytes");

  private BridgeLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 5 && args[0].equals("bridge")) {
      bridge(Paths.get(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Paths.get(args[4]));
    } else if (args.length == 4 && args[0].equals("shim-exporter")) {
      shimExporter(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Paths.get(args[3]));
    } else {
      System.err.println(
          "usage: BridgeLoad bridge <bridge.jar> <datagrams/s> <seconds> <out.properties>\n"
              + "       BridgeLoad shim-exporter <requests/s> <seconds> <out.properties>");
      System.exit(2);
    }
  }

  /** Sends datagrams at {@code rate} for {@code seconds} to the bridge's jar; see the class comment. */
  static void bridge(Path jar, int rate, int seconds, Path out) throws Exception {
    List<byte[]> datagrams = renderWithTheRealSdk();
    Outcome outcome = new Outcome().put("contender", "bridge").put("rate", rate).put("seconds", seconds)
        .put("datagramBytes", datagrams.get(0).length);
    try (LoopbackSink sink = LoopbackSink.start()) {
      int port = freeUdpPort();
      List<String> command = new ArrayList<>();
      command.add(javaBinary());
      command.add("-Xmx64m");
      // Extra options for the bridge's JVM, e.g. a flight recording: -Dbench.bridgeJvmOptions=...
      for (String option : System.getProperty("bench.bridgeJvmOptions", "").split(" ")) {
        if (!option.isEmpty()) {
          command.add(option);
        }
      }
      command.addAll(java.util.Arrays.asList(
          "-jar", jar.toString(), "-b", "127.0.0.1:" + port, "-t", "127.0.0.1:0"));
      ProcessBuilder builder = new ProcessBuilder(command);
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.startsWith("TRACEKIT_") || k.startsWith("OTEL_") || k.startsWith("AWS_XRAY"));
      env.put("TRACEKIT_ENDPOINT", sink.otlpEndpoint());
      env.put("TRACEKIT_API_KEY", "bench-key");
      builder.redirectErrorStream(true);
      Process bridge = builder.start();
      StringBuffer log = new StringBuffer();
      AtomicReference<String> ready = new AtomicReference<>();
      Thread reader = readLines(bridge, log, ready);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ready.get() == null && bridge.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (ready.get() == null) {
        bridge.destroyForcibly();
        throw new IllegalStateException("The bridge did not start:\n" + log);
      }
      Matcher buffer = BUFFER.matcher(ready.get());
      outcome.put("receiveBufferBytes", buffer.find() ? buffer.group(1) : "?");
      long pid = pid(bridge);

      // Warm-up at the same rate (JIT, connection), then the measured run.
      long warmUpSent;
      try (DatagramSocket socket = new DatagramSocket()) {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        warmUpSent = Pacer.paced(rate, WARM_UP_SECONDS, i -> {
          byte[] d = datagrams.get((int) (i % datagrams.size()));
          try {
            socket.send(new DatagramPacket(d, d.length, target));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
      }
      Delivery.awaitLastChange(sink::otlpSpans, warmUpSent * SPANS_PER_DATAGRAM, System.nanoTime(), 2_000);
      long warmUpDelivered = sink.otlpSpans();
      outcome.put("warmUpSeconds", WARM_UP_SECONDS)
          .put("warmUpDelivered%", String.format("%.2f", 100.0 * warmUpDelivered / (warmUpSent * SPANS_PER_DATAGRAM)));
      long rcvbufErrors0 = udpCounter("RcvbufErrors");
      long cpu0 = processCpuNanos(pid);
      long[] machine0 = machineTicks();
      long own0 = CpuTime.process();
      long sent;
      long start = System.nanoTime();
      try (DatagramSocket socket = new DatagramSocket()) {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        sent = Pacer.paced(rate, seconds, i -> {
          byte[] d = datagrams.get((int) (i % datagrams.size()));
          try {
            socket.send(new DatagramPacket(d, d.length, target));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
      }
      long sendNanos = System.nanoTime() - start;
      long[] machine1 = machineTicks();
      outcome.put("machineBusyDuringSend%", String.format("%.1f",
          100.0 * (machine1[0] - machine0[0]) / Math.max(1, machine1[1] - machine0[1])));
      outcome.put("generatorAndSinkCpuSeconds", String.format("%.2f", (CpuTime.process() - own0) / 1e9));
      long expected = sent * SPANS_PER_DATAGRAM;
      long last = Delivery.awaitLastChange(
          () -> sink.otlpSpans() - warmUpDelivered, expected, System.nanoTime(), 5_000);
      long cpu1 = processCpuNanos(pid);
      outcome.put("bridgeThreadCpuSeconds", threadCpu(pid));
      long rcvbufErrors = udpCounter("RcvbufErrors") - rcvbufErrors0;
      long delivered = sink.otlpSpans() - warmUpDelivered;

      // SIGTERM by kill, not Process.destroy(): the JDK closes the child's output streams when it
      // destroys it, and the bridge's last summary line would be lost.
      new ProcessBuilder("kill", "-TERM", String.valueOf(pid)).inheritIO().start().waitFor();
      boolean exited = bridge.waitFor(30, TimeUnit.SECONDS);
      outcome.put("exitCode", exited ? String.valueOf(bridge.exitValue()) : "still running");
      reader.join(5_000);
      Files.write(
          out.resolveSibling(out.getFileName().toString().replace(".properties", ".log")),
          log.toString().getBytes(StandardCharsets.UTF_8));
      Matcher received = DATAGRAMS.matcher(log);
      String receivedCount = "?";
      while (received.find()) {
        receivedCount = received.group(1);
      }
      outcome.put("sent", sent)
          .put("sendSeconds", String.format("%.2f", sendNanos / 1e9))
          .put("achievedRate", Math.round(sent / (sendNanos / 1e9)))
          .put("sentInAll", warmUpSent + sent)
          .put("receivedInAll", receivedCount)
          .put("udpRcvbufErrors", rcvbufErrors)
          .put("spansExpected", expected)
          .put("spansDelivered", delivered)
          .put("delivered%", String.format("%.2f", 100.0 * delivered / expected))
          .put("bridgeCpuSeconds", String.format("%.2f", (cpu1 - cpu0) / 1e9))
          .put("bridgeCpuPerSpanMicros", String.format("%.2f", (cpu1 - cpu0) / 1e3 / Math.max(1, delivered)))
          .put("drainMillisAfterSend", TimeUnit.NANOSECONDS.toMillis(last - start - sendNanos))
          .put("oom", log.indexOf("OutOfMemoryError") >= 0);
      String summary = lastLine(log, "xray-daemon-bridge: ");
      outcome.put("bridgeSummary", summary);
    }
    outcome.write(out);
    System.out.println(outcome);
  }

  /**
   * Makes the same requests in process through the X-Ray API (the shim's class path) at {@code
   * rate} requests per second, from two app threads, and reports the CPU per span of the pipeline's
   * background threads.
   */
  static void shimExporter(int rate, int seconds, Path out) throws Exception {
    try (LoopbackSink sink = LoopbackSink.start()) {
      System.setProperty(SinkProperties.TRACEKIT_ENDPOINT, sink.otlpEndpoint());
      AWSXRayRecorder recorder =
          AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
      // Warm-up: 2 s at the same rate.
      pacedOnTwoThreads(rate, 2, recorder);
      ShimReport.flush(60_000);
      long delivered0 = sink.otlpSpans();
      long background0 = CpuTime.threadsNamed("tracekit-");
      long app0 = appThreadsCpu[0];
      long sent = pacedOnTwoThreads(rate, seconds, recorder);
      ShimReport.flush(60_000);
      Delivery.awaitLastChange(sink::otlpSpans, delivered0 + sent * SPANS_PER_DATAGRAM, System.nanoTime(), 3_000);
      long delivered = sink.otlpSpans() - delivered0;
      long background = CpuTime.threadsNamed("tracekit-") - background0;
      new Outcome().put("contender", "shim-in-process").put("rate", rate).put("seconds", seconds)
          .put("requests", sent)
          .put("spansDelivered", delivered)
          .put("delivered%", String.format("%.2f", 100.0 * delivered / (sent * SPANS_PER_DATAGRAM)))
          .put("exporterCpuPerSpanMicros", String.format("%.2f", background / 1e3 / Math.max(1, delivered)))
          .put("appThreadCpuPerSpanMicros",
              String.format("%.2f", (appThreadsCpu[0] - app0) / 1e3 / Math.max(1, sent * SPANS_PER_DATAGRAM)))
          .write(out);
      System.out.println(Files.readAllLines(out).toString());
    }
  }

  private static final long[] appThreadsCpu = new long[1];

  private static long pacedOnTwoThreads(int rate, int seconds, AWSXRayRecorder recorder)
      throws InterruptedException {
    long[] counts = new long[2];
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int index = t;
      threads[t] = new Thread(() -> {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        counts[index] = Pacer.paced(rate / 2, seconds, i -> XRayApiBenchmark.request(recorder));
        synchronized (appThreadsCpu) {
          appThreadsCpu[0] += mx.getCurrentThreadCpuTime() - cpu0;
        }
      }, "bench-app-" + t);
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return counts[0] + counts[1];
  }

  /** Datagrams of one segment with 3 nested subsegments, written by the real SDK's own serializer. */
  private static List<byte[]> renderWithTheRealSdk() {
    List<byte[]> datagrams = new ArrayList<>(DISTINCT_DATAGRAMS);
    Emitter capture =
        new Emitter() {
          @Override
          public boolean sendSegment(Segment segment) {
            datagrams.add(("{\"format\": \"json\", \"version\": 1}\n" + segment.serialize())
                .getBytes(StandardCharsets.UTF_8));
            return true;
          }

          @Override
          public boolean sendSubsegment(Subsegment subsegment) {
            return true;
          }
        };
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard()
            .withEmitter(capture)
            .withSamplingStrategy(new AllSamplingStrategy())
            .build();
    while (datagrams.size() < DISTINCT_DATAGRAMS) {
      XRayApiBenchmark.request(recorder);
    }
    return datagrams;
  }

  private static Thread readLines(Process process, StringBuffer log, AtomicReference<String> ready) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          log.append(line).append('\n');
          if (line.contains("receiving segments on UDP")) {
            ready.set(line);
          }
        }
      } catch (IOException e) {
        // The process ended.
      }
    }, "bridge-log");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static String lastLine(CharSequence log, String prefix) {
    String last = "";
    for (String line : log.toString().split("\n")) {
      if (line.contains(prefix)) {
        last = line.substring(line.indexOf(prefix));
      }
    }
    return last;
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket probe = new DatagramSocket(0)) {
      return probe.getLocalPort();
    }
  }

  private static String javaBinary() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  /** Process.pid() is Java 9+; this module compiles for Java 8 and runs on the JDK 17. */
  private static long pid(Process process) throws ReflectiveOperationException {
    return (Long) Process.class.getMethod("pid").invoke(process);
  }

  /** The process's user + system CPU time from /proc (Linux), in nanoseconds. */
  private static long processCpuNanos(long pid) throws IOException {
    String stat = new String(Files.readAllBytes(Paths.get("/proc/" + pid + "/stat")), StandardCharsets.US_ASCII);
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 10_000_000L; // USER_HZ = 100 on Linux
  }

  /**
   * The CPU seconds of each thread of the process since it started, busiest first, grouped by
   * name (Linux keeps 15 characters of a Java thread's name): where the bridge spends its CPU.
   */
  private static String threadCpu(long pid) throws IOException {
    Map<String, Long> byName = new java.util.TreeMap<>();
    try (java.util.stream.Stream<Path> tasks = Files.list(Paths.get("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = new String(Files.readAllBytes(task.resolve("stat")), StandardCharsets.US_ASCII);
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          byName.merge(name.replaceAll("\\d+$", "#"), ticks, Long::sum);
        } catch (IOException | RuntimeException e) {
          // The thread ended meanwhile.
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    byName.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(8)
        .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
            .append(String.format("%.2f", e.getValue() / 100.0)));
    return sb.toString();
  }

  /** Busy and total CPU ticks of the whole host so far (/proc/stat's first line). */
  private static long[] machineTicks() throws IOException {
    String[] f = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < f.length; i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    return new long[] {total - idle, total};
  }

  /** One counter of the kernel's UDP statistics (/proc/net/snmp), for the whole host. */
  private static long udpCounter(String name) throws IOException {
    List<String> lines = Files.readAllLines(Paths.get("/proc/net/snmp"));
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
        String[] names = lines.get(i).split("\\s+");
        String[] values = lines.get(i + 1).split("\\s+");
        for (int j = 1; j < names.length; j++) {
          if (names[j].equals(name)) {
            return Long.parseLong(values[j]);
          }
        }
      }
    }
    return -1;
  }
}

package dev.tracekit.compat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints one Markdown table from a run's results directory: JMH's JSON per contender ({@code
 * jmh-xray.json}, {@code jmh-shim.json}, {@code jmh-otel.json}), the end-to-end results ({@code
 * e2e-*.properties}), the queue probe, the Lambda-style flush ({@code lambda-flush.properties}), and
 * the run's settings ({@code run.properties}). Writes it to {@code table.md} there as well.
 */
public final class ResultTable {
  private static final String[][] SCENARIOS = {
    {"a_subsegment", "(a) subsegment + 2 annotations + 1 metadata, under an open segment"},
    {"b_request", "(b) request: segment + 3 nested subsegments, annotations"},
    {"c_request", "(c) = (b) with the TraceKit API (OTel column: its (b))"},
    {"d_unsampled", "(d) unsampled request (as (b))"},
  };

  private final Path dir;
  private final Map<String, Map<String, double[]>> jmh = new LinkedHashMap<>();

  private ResultTable(Path dir) {
    this.dir = dir;
  }

  /** {@code ResultTable RESULTS_DIR}. */
  public static void main(String[] args) throws IOException {
    ResultTable table = new ResultTable(Paths.get(args.length > 0 ? args[0] : "benchmarks/target/results"));
    String markdown = table.render();
    Files.write(table.dir.resolve("table.md"), markdown.getBytes(StandardCharsets.UTF_8));
    System.out.print(markdown);
  }

  private String render() throws IOException {
    for (String contender : new String[] {"xray", "shim", "otel"}) {
      jmh.put(contender, readJmh(dir.resolve("jmh-" + contender + ".json")));
    }
    Properties run = read(dir.resolve("run.properties"));
    StringBuilder out = new StringBuilder();
    out.append("Run: ").append(run.getProperty("date", "?"))
        .append(", ").append(run.getProperty("mode", "?")).append(" mode")
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores")
        .append(", JDK ").append(System.getProperty("java.version"))
        .append(" (").append(System.getProperty("java.vm.name")).append(")\n")
        .append("JMH: ").append(run.getProperty("jmh", "?")).append("\n")
        .append("End-to-end: ").append(run.getProperty("e2e", "?")).append("\n\n");

    out.append("| scenario (cost per op on the app thread; B/op counts every thread) "
        + "| real X-Ray SDK 2.21.0 | OTel SDK 1.68.0 | shim | shim / X-Ray | shim / OTel |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (String[] scenario : SCENARIOS) {
      String key = scenario[0];
      boolean tracekitApi = key.equals("c_request");
      double[] xray = tracekitApi ? null : jmh.get("xray").get(key);
      double[] otel = jmh.get("otel").get(tracekitApi ? "b_request" : key);
      double[] shim = jmh.get("shim").get(key);
      out.append("| ").append(scenario[1])
          .append(" | ").append(cell(xray))
          .append(" | ").append(cell(otel))
          .append(" | ").append(cell(shim))
          .append(" | ").append(ratio(shim, xray))
          .append(" | ").append(ratio(shim, otel))
          .append(" |\n");
    }

    out.append(shimExportShare());
    double[] exporter = jmh.get("shim").get("export_span");
    if (exporter != null) {
      out.append(String.format(Locale.ROOT,
          "\nShim exporter thread (ExporterBenchmark): %,.0f ± %,.0f ns per span of (b) — attributes"
              + " made, OTLP protobuf written, posted to the sink and its answer read, in 512-span"
              + " requests (its B/op also counts recording the spans, so it is not shown).\n",
          exporter[0], exporter[1]));
    }

    out.append("\n| end-to-end (4-span requests from ").append(run.getProperty("threads", "?"))
        .append(" app threads) | spans produced | received at sink | dropped | app threads busy "
            + "| spans/s received | how drops are counted |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (String contender :
        new String[] {
          "xray", "otel", "otel-bigqueue", "shim", "shim-concurrent2", "shim-concurrent4"
        }) {
      Properties e2e = read(dir.resolve("e2e-" + contender + ".properties"));
      if (e2e.isEmpty()) {
        continue;
      }
      out.append("| ").append(label(contender, run))
          .append(" | ").append(count(e2e, "produced"))
          .append(" | ").append(count(e2e, "received"))
          .append(" | ").append(count(e2e, "dropped"))
          .append(" | ").append(seconds(e2e, "produceSeconds"))
          .append(" | **").append(count(e2e, "receivedPerSecond")).append("**")
          .append(" | ").append(dropAccounting(e2e))
          .append(" |\n");
    }
    Properties probe = read(dir.resolve("queue-probe.properties"));
    if (!probe.isEmpty()) {
      long perSpan = Long.parseLong(probe.getProperty("bytesPerQueuedSpan"));
      long perReadSpan = Long.parseLong(probe.getProperty("bytesPerReadSpan", String.valueOf(perSpan)));
      long bound = Long.parseLong(probe.getProperty("queueBoundBytes"));
      out.append("\nShim queue at most: ").append(String.format(Locale.ROOT, "%,d", perSpan))
          .append(" B per queued span of (b) x ").append(count(probe, "defaultMaxQueue"))
          .append(" queued + ")
          .append(String.format(Locale.ROOT, "%,d", perReadSpan))
          .append(" B per span of a batch being exported (read) x ").append(count(probe, "defaultBatch"))
          .append(" x ")
          .append(probe.getProperty("defaultConcurrentExports", "1"))
          .append(" exports in flight = ")
          .append(String.format(Locale.ROOT, "%.1f MiB", bound / 1048576.0))
          .append(" of heap (").append(probe.getProperty("method")).append(").\n");
    }
    Properties lambda = read(dir.resolve("lambda-flush.properties"));
    if (!lambda.isEmpty()) {
      out.append("\nLambda-style flush (LambdaFlushBenchmark: invoke ")
          .append(lambda.getProperty("spansPerInvocation")).append(" spans, flush, freeze ")
          .append(lambda.getProperty("freezeMillis")).append(" ms; median of ")
          .append(lambda.getProperty("cycles")).append(" cycles): receiver keeps connections open ")
          .append(lambda.getProperty("openMedianMillis")).append(" ms, receiver closes connections idle ")
          .append(lambda.getProperty("idleCloseMillis")).append(" ms (stale pooled connection) ")
          .append(lambda.getProperty("staleMedianMillis")).append(" ms per flush: ")
          .append(lambda.getProperty("medianRatio")).append("×, +")
          .append(lambda.getProperty("staleAddsMillis")).append(" ms (issue 15: at most +20 ms).\n");
    }
    Properties bridge = read(dir.resolve("bridge-load.properties"));
    Properties shim = read(dir.resolve("bridge-shim.properties"));
    if (!bridge.isEmpty()) {
      out.append("\nDaemon bridge (BridgeLoad: ").append(bridge.getProperty("rate"))
          .append(" datagrams/s of 1 segment + 3 subsegments, ").append(bridge.getProperty("datagramBytes"))
          .append(" B each, for ").append(bridge.getProperty("seconds")).append(" s after a ").append(bridge.getProperty("warmUpSeconds")).append(" s warm-up (")
          .append(bridge.getProperty("warmUpDelivered%")).append("% of its spans delivered); bridge jar with -Xmx64m): sent ")
          .append(bridge.getProperty("sent")).append(" (")
          .append(bridge.getProperty("sentInAll")).append(" with the warm-up, of which the bridge received ")
          .append(bridge.getProperty("receivedInAll")).append(")")
          .append(", lost at the socket ").append(bridge.getProperty("udpRcvbufErrors"))
          .append(" (receive buffer ").append(bridge.getProperty("receiveBufferBytes")).append(" B), spans delivered ")
          .append(bridge.getProperty("delivered%")).append("%, out of memory: ").append(bridge.getProperty("oom"))
          .append("; bridge CPU ").append(bridge.getProperty("bridgeCpuPerSpanMicros")).append(" µs per span (")
          .append(bridge.getProperty("bridgeThreadCpuSeconds")).append(" CPU s by thread)");
      if (!shim.isEmpty()) {
        out.append("; the shim exporting the same requests in process: ")
            .append(shim.getProperty("exporterCpuPerSpanMicros")).append(" µs per span on its background threads, ")
            .append(shim.getProperty("appThreadCpuPerSpanMicros")).append(" µs on the app threads, ")
            .append(shim.getProperty("delivered%")).append("% delivered");
      }
      out.append(". Host busy while sending: ").append(bridge.getProperty("machineBusyDuringSend%")).append("%.\n");
    }
    out.append(pacedTable());
    out.append("\nHeap of every measured JVM: ").append(run.getProperty("heap", "?")).append(".\n");
    return out.toString();
  }

  /**
   * Reads the shim's pipeline counts that each shim trial printed ({@link ShimReport#print}): under
   * JMH's load the queue fills, so B/op includes export work only for the spans that were exported.
   */
  private String shimExportShare() throws IOException {
    Path log = dir.resolve("jmh-shim.log");
    if (!Files.exists(log)) {
      return "";
    }
    Pattern line =
        Pattern.compile("shim pipeline after \\S*\\.(\\w+): ended=(\\d+) exported=(\\d+) droppedQueueFull=(\\d+)");
    StringBuilder out = new StringBuilder();
    for (String text : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = line.matcher(text);
      if (!m.find()) {
        continue;
      }
      long ended = Long.parseLong(m.group(2));
      if (ended == 0) {
        continue;
      }
      out.append(out.length() == 0 ? "\nShim spans under JMH (the queue fills; only exported spans cost export work): " : "; ")
          .append(m.group(1)).append(' ')
          .append(String.format(Locale.ROOT, "%,d ended, %.0f%% exported, %.0f%% dropped",
              ended, 100.0 * Long.parseLong(m.group(3)) / ended, 100.0 * Long.parseLong(m.group(4)) / ended));
    }
    return out.length() == 0 ? "" : out.append(".\n").toString();
  }

  private static String dropAccounting(Properties e2e) {
    String accounted = e2e.getProperty("accounted");
    if (accounted == null) {
      return e2e.getProperty("dropMethod", "?");
    }
    return "PipelineStats: received + dropped + failed = produced: " + (accounted.equals("true") ? "yes" : "NO");
  }

  private static String label(String contender, Properties run) {
    switch (contender) {
      case "xray":
        return "real X-Ray SDK 2.21.0 (UDP send on the app thread)";
      case "otel":
        return "OTel SDK 1.68.0, default queue (2048)";
      case "otel-bigqueue":
        return "OTel SDK 1.68.0, queue " + run.getProperty("otelBigQueue", "?");
      case "shim-concurrent2":
        return "shim, 2 concurrent exports (else default)";
      case "shim-concurrent4":
        return "shim, 4 concurrent exports (else default)";
      default:
        return "shim, default settings (queue 8192, 1 export at a time)";
    }
  }

  /** Reads {benchmark method -> {ns/op, error, B/op}} from one JMH JSON file; empty if absent. */
  private static Map<String, double[]> readJmh(Path file) throws IOException {
    Map<String, double[]> results = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return results;
    }
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    for (JsonNode benchmark : root) {
      String name = benchmark.path("benchmark").asText();
      String method = name.substring(name.lastIndexOf('.') + 1);
      JsonNode primary = benchmark.path("primaryMetric");
      double error = primary.path("scoreError").asDouble(Double.NaN);
      double bytes =
          benchmark.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
      results.put(method, new double[] {primary.path("score").asDouble(), error, bytes});
    }
    return results;
  }

  /**
   * The paced runs (PacedRun): per rate, each contender's delivery; CPU per span on the app threads
   * (inside the requests, less what bracketing them costs) and on the other threads (less the sink's
   * and less what the JVM's own threads take with no tracer), both measured by the run {@code none},
   * the JIT compiler threads' share of the latter, and bytes on the wire per span. Then the shim's
   * other wire formats at 50k spans/s and what its drop watch found at 200k, when they ran.
   */
  private String pacedTable() throws IOException {
    StringBuilder out = new StringBuilder();
    for (String rate : new String[] {"50000", "200000"}) {
      Properties none = read(dir.resolve("paced-none-" + rate + ".properties"));
      if (none.isEmpty()) {
        continue;
      }
      PacedBaseline baseline = new PacedBaseline(none);
      out.append("\n| paced at ").append(String.format(Locale.ROOT, "%,d", Long.parseLong(rate)))
          .append(" spans/s, 2 app threads, ").append(none.getProperty("seconds"))
          .append(" s | delivered | CPU per span, all threads | / OTel's | app threads | other threads"
              + " | of which JIT compiling | bytes on the wire per span |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      Properties otel = read(dir.resolve("paced-otel-" + rate + ".properties"));
      double otelAll = otel.isEmpty() ? Double.NaN : baseline.app(otel) + baseline.other(otel);
      for (String contender : new String[] {"xray", "otel", "shim"}) {
        Properties p = read(dir.resolve("paced-" + contender + "-" + rate + ".properties"));
        if (p.isEmpty()) {
          continue;
        }
        long produced = Long.parseLong(p.getProperty("produced"));
        long delivered = Long.parseLong(p.getProperty("delivered"));
        double app = baseline.app(p);
        double other = baseline.other(p);
        double all = app + other;
        long achieved = Long.parseLong(p.getProperty("achievedSpansPerSecond"));
        String behind =
            achieved < 0.98 * Long.parseLong(rate)
                ? String.format(Locale.ROOT, "; its app threads reached only %,d spans/s", achieved)
                : "";
        out.append("| ").append(CONTENDER_NAMES.getOrDefault(contender, contender))
            .append(String.format(Locale.ROOT, " | %.2f%% (%,d of %,d%s)", 100.0 * delivered / produced, delivered, produced, behind))
            .append(String.format(Locale.ROOT, " | **%.2f µs** | %.2f× | %.2f µs | %.2f µs | %.2f µs",
                all, all / otelAll, app, other, threadCpu(p, "threadCpuNanos.C_CompilerThre") / 1e3 / produced))
            .append(String.format(Locale.ROOT, " | %.0f |%n", Double.parseDouble(p.getProperty("wireBytesPerSpan"))));
      }
      if (rate.equals("50000")) {
        out.append(formatsTable(baseline, rate));
      }
      Properties watched = read(dir.resolve("paced-shim-watched-" + rate + ".properties"));
      if (!watched.isEmpty()) {
        long produced = Long.parseLong(watched.getProperty("produced"));
        long delivered = Long.parseLong(watched.getProperty("delivered"));
        out.append(String.format(Locale.ROOT,
            "%nShim watched for drops (DropWatch, every ms) at %,d spans/s for %s s: %,d of %,d delivered;"
                + " %s episodes of drops, %s spans dropped, by cause %s.%n",
            Long.parseLong(rate), watched.getProperty("seconds"), delivered, produced,
            watched.getProperty("watch.episodes", "0"), watched.getProperty("watch.dropped", "0"),
            causes(watched)));
        for (int i = 0; watched.getProperty("watch.episode." + i) != null; i++) {
          out.append("- ").append(watched.getProperty("watch.episode." + i)).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** The shim's four wire formats at one rate: CPU per span (all threads, and its exporter's) and bytes. */
  private String formatsTable(PacedBaseline baseline, String rate) throws IOException {
    String[][] formats = {
      {"shim", "OTLP/HTTP protobuf (default)"},
      {"shim-gzip", "protobuf, gzip"},
      {"shim-json", "OTLP/HTTP JSON"},
      {"shim-json-gzip", "JSON, gzip"},
    };
    StringBuilder out = new StringBuilder();
    int rows = 0;
    for (String[] format : formats) {
      Properties p = read(dir.resolve("paced-" + format[0] + "-" + rate + ".properties"));
      if (p.isEmpty()) {
        continue;
      }
      rows++;
      long produced = Long.parseLong(p.getProperty("produced"));
      out.append("| ").append(format[1])
          .append(String.format(Locale.ROOT, " | %.2f%%", 100.0 * Long.parseLong(p.getProperty("delivered")) / produced))
          .append(String.format(Locale.ROOT, " | %.2f µs | %.2f µs | %.1f |%n",
              baseline.app(p) + baseline.other(p),
              threadCpu(p, "threadCpuNanos.tracekit-span-e") / 1e3 / produced,
              Double.parseDouble(p.getProperty("wireBytesPerSpan"))));
    }
    // The default format alone is in the main table already: no table of one row.
    return rows < 2
        ? ""
        : String.format(Locale.ROOT, "%n| shim at %,d spans/s: wire format", Long.parseLong(rate))
            + " | delivered | CPU per span, all threads | exporter thread | bytes on the wire per span |\n"
            + "|---|---|---|---|---|\n" + out;
  }

  /** What the run with no tracer measured at a rate, which every contender's CPU is charged less. */
  private static final class PacedBaseline {
    final double bracketPerSpan;
    final double idleOtherPerSecond;

    PacedBaseline(Properties none) {
      bracketPerSpan =
          Long.parseLong(none.getProperty("inRequestCpuNanos")) / (double) Long.parseLong(none.getProperty("produced"));
      idleOtherPerSecond =
          Long.parseLong(none.getProperty("otherThreadCpuNanos")) / Double.parseDouble(none.getProperty("seconds"));
    }

    /** CPU per span inside the requests on the app threads, in µs. */
    double app(Properties p) {
      long produced = Long.parseLong(p.getProperty("produced"));
      return (Long.parseLong(p.getProperty("inRequestCpuNanos")) / (double) produced - bracketPerSpan) / 1e3;
    }

    /** CPU per span on the process's other threads, less the sink's and the idle JVM's, in µs. */
    double other(Properties p) {
      return (Long.parseLong(p.getProperty("otherThreadCpuNanos"))
              - idleOtherPerSecond * Double.parseDouble(p.getProperty("seconds")))
          / 1e3 / Long.parseLong(p.getProperty("produced"));
    }
  }

  private static long threadCpu(Properties p, String key) {
    return Long.parseLong(p.getProperty(key, "0"));
  }

  private static String causes(Properties watched) {
    StringBuilder causes = new StringBuilder();
    for (String key : new java.util.TreeSet<>(watched.stringPropertyNames())) {
      if (key.startsWith("watch.episodes.")) {
        String cause = key.substring("watch.episodes.".length());
        causes.append(causes.length() == 0 ? "" : ", ").append(cause).append(": ")
            .append(watched.getProperty(key)).append(" episodes, ")
            .append(watched.getProperty("watch.dropped." + cause)).append(" spans");
      }
    }
    return causes.length() == 0 ? "none" : causes.toString();
  }

  private static final java.util.Map<String, String> CONTENDER_NAMES = new java.util.HashMap<>();

  static {
    CONTENDER_NAMES.put("xray", "real X-Ray SDK 2.21.0 (UDP JSON)");
    CONTENDER_NAMES.put("otel", "OTel SDK 1.68.0 (OTLP/HTTP protobuf)");
    CONTENDER_NAMES.put("shim", "shim (OTLP/HTTP, its default format)");
  }

  private static Properties read(Path file) throws IOException {
    Properties properties = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      }
    }
    return properties;
  }

  private static String cell(double[] result) {
    if (result == null) {
      return "—";
    }
    String error = Double.isNaN(result[1]) ? "" : String.format(Locale.ROOT, " ± %,.0f", result[1]);
    return String.format(Locale.ROOT, "%,.0f%s ns/op, %,.0f B/op", result[0], error, result[2]);
  }

  private static String ratio(double[] shim, double[] other) {
    if (shim == null || other == null) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.2f× time, %.2f× B", shim[0] / other[0], shim[2] / other[2]);
  }

  private static String count(Properties p, String key) {
    String value = p.getProperty(key);
    return value == null ? "—" : String.format(Locale.ROOT, "%,d", Long.parseLong(value));
  }

  private static String seconds(Properties p, String key) {
    String value = p.getProperty(key);
    return value == null ? "—" : String.format(Locale.ROOT, "%.2f s", Double.parseDouble(value));
  }
}

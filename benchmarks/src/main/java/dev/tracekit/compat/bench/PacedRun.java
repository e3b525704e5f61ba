package dev.tracekit.compat.bench;

import dev.tracekit.compat.bench.sink.LoopbackSink;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A tracer loaded the way a service loads it (issue 18): two app threads make requests of scenario
 * (b) — a segment and 3 nested subsegments, 4 spans — at a fixed total rate of spans per second,
 * not flat out, for a fixed time after a warm-up, with the contender's default settings, to an
 * in-process loopback sink. Reports what was delivered, the app threads' CPU inside the requests
 * (not the pacing), the CPU of the process's other threads minus the sink's, and the bytes on the
 * wire per span. The run {@code none}, the same pacing with an empty request, measures what to
 * subtract: the cost of bracketing each request with CPU-clock reads, and the JVM's own threads
 * (GC, JIT) when no tracer runs; {@link ResultTable} subtracts them.
 *
 * <p>{@code shim-watched} is the shim with a {@link DropWatch}, for the diagnosis of its drops,
 * not for its CPU. {@code shim-json}, {@code shim-gzip} and {@code shim-json-gzip} are the shim
 * sending OTLP/JSON, gzip-compressed protobuf and gzip-compressed JSON: what each format costs and
 * saves per span.
 *
 * <pre>PacedRun none|xray|otel|shim|shim-watched|shim-json|shim-gzip|shim-json-gzip SPANS_PER_SECOND SECONDS RESULT_FILE</pre>
 */
public final class PacedRun {
  private static final int SPANS_PER_REQUEST = 4;
  private static final int THREADS = 2;
  // Long enough that the JIT has compiled the per-request and the per-batch paths (code that runs
  // ~100 times a second takes a minute to reach C2's thresholds): after 5 s its compiler threads
  // still took 20% of the measured CPU at 50k spans/s. -Dbench.warmUpSeconds changes it.
  private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmUpSeconds", 30);
  private static final long QUIET_MILLIS = 3_000;

  private PacedRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: PacedRun none|xray|otel|shim|shim-watched|shim-json|shim-gzip|shim-json-gzip SPANS_PER_SECOND SECONDS RESULT_FILE");
      System.exit(2);
    }
    String contender = args[0];
    int spansPerSecond = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int requestsPerSecond = spansPerSecond / SPANS_PER_REQUEST;
    Outcome outcome = new Outcome();
    List<String> watchLines;
    try (LoopbackSink sink = LoopbackSink.start()) {
      Runnable request;
      LongSupplier received;
      LongSupplier bytes;
      Runnable flush;
      switch (contender) {
        case "none":
          request = () -> { };
          received = () -> 0;
          bytes = () -> 0;
          flush = () -> { };
          break;
        case "xray":
        case "shim":
        case "shim-watched":
        case "shim-json":
        case "shim-gzip":
        case "shim-json-gzip":
          if (Contender.isShim() == contender.equals("xray")) {
            throw new IllegalStateException(contender + " asked for, but the class path has the other X-Ray API");
          }
          if (contender.contains("json")) {
            System.setProperty("tracekit.protocol", "http/json");
          }
          if (contender.contains("gzip")) {
            System.setProperty("tracekit.compression", "gzip");
          }
          request = PacedXRay.request(sink);
          boolean shim = !contender.equals("xray");
          received = shim ? sink::otlpSpans : sink::xrayEntities;
          bytes = shim ? sink::otlpBytes : sink::xrayBytes;
          flush = shim ? () -> ShimReport.flush(60_000) : () -> { };
          break;
        case "otel":
          PacedOtel otel = new PacedOtel(sink.otlpEndpoint());
          request = otel::request;
          received = sink::otlpSpans;
          bytes = sink::otlpBytes;
          flush = otel::flush;
          break;
        default:
          throw new IllegalArgumentException("unknown contender " + contender);
      }
      paced(requestsPerSecond, WARM_UP_SECONDS, request);
      flush.run();
      Delivery.awaitLastChange(received, 0, System.nanoTime(), 1_000);

      long received0 = received.getAsLong();
      long bytes0 = bytes.getAsLong();
      long process0 = CpuTime.process();
      long sink0 = CpuTime.threadsNamed("otlp-sink", "xray-daemon-sink");
      Map<String, Long> kinds0 = CpuTime.byThreadKind();
      DropWatch watch = contender.equals("shim-watched") ? DropWatch.start(ShimReport.queueCapacity()) : null;
      long[] app = paced(requestsPerSecond, seconds, request);
      long produced = app[0] * SPANS_PER_REQUEST;
      flush.run();
      Delivery.awaitLastChange(() -> received.getAsLong() - received0, produced, System.nanoTime(), QUIET_MILLIS);
      long process = CpuTime.process() - process0;
      long sinkCpu = CpuTime.threadsNamed("otlp-sink", "xray-daemon-sink") - sink0;
      long delivered = received.getAsLong() - received0;
      Map<String, Long> kinds = CpuTime.byThreadKind();
      watchLines = watch == null ? Collections.emptyList() : watch.stop(outcome);
      long wire = bytes.getAsLong() - bytes0;
      outcome
              .put("contender", contender)
              .put("spansPerSecond", spansPerSecond)
              .put("seconds", seconds)
              .put("produced", produced)
              .put("achievedSpansPerSecond", Math.round(produced / (app[1] / 1e9)))
              .put("delivered", delivered)
              .put("processCpuNanos", process)
              .put("sinkCpuNanos", sinkCpu)
              .put("tracedCpuNanos", process - sinkCpu)
              .put("appThreadCpuNanos", app[2])
              .put("inRequestCpuNanos", app[3])
              .put("otherThreadCpuNanos", process - sinkCpu - app[2])
              .put("wireBytes", wire)
              .put("wireBytesPerSpan", delivered == 0 ? 0 : wire / (double) delivered);
      // Where the CPU went, by kind of thread (the JVM's own included), for the docs and the note.
      kinds.forEach((kind, nanos) -> {
        long spent = nanos - kinds0.getOrDefault(kind, 0L);
        if (spent > 0) {
          outcome.put("threadCpuNanos." + kind.replace(' ', '_'), spent);
        }
      });
    }
    outcome.write(Paths.get(args[3]));
    watchLines.forEach(System.out::println);
    System.out.println(outcome);
    System.exit(0);
  }

  /**
   * Makes {@code rate} requests per second for {@code seconds}, split over {@link #THREADS} app
   * threads; returns the requests made, the elapsed nanoseconds, the app threads' CPU, and the part
   * of it spent inside the requests (each bracketed by two CPU-clock reads, whose own cost the run
   * {@code none} measures).
   */
  static long[] paced(int rate, int seconds, Runnable request) throws InterruptedException {
    long[] cpu = new long[THREADS];
    long[] requestCpu = new long[THREADS];
    long[] counts = new long[THREADS];
    Thread[] threads = new Thread[THREADS];
    Throwable[] failure = new Throwable[1];
    long start = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      int index = t;
      threads[t] = new Thread(() -> {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long[] inRequests = new long[1];
        counts[index] = Pacer.paced(rate / THREADS, seconds, i -> {
          long before = mx.getCurrentThreadCpuTime();
          request.run();
          inRequests[0] += mx.getCurrentThreadCpuTime() - before;
        });
        cpu[index] = mx.getCurrentThreadCpuTime() - cpu0;
        requestCpu[index] = inRequests[0];
      }, "bench-app-" + t);
      threads[t].setUncaughtExceptionHandler((thread, e) -> failure[0] = e);
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure[0] != null) {
      throw new IllegalStateException("An app thread failed", failure[0]);
    }
    long elapsed = System.nanoTime() - start;
    return new long[] {counts[0] + counts[1], elapsed, cpu[0] + cpu[1], requestCpu[0] + requestCpu[1]};
  }
}

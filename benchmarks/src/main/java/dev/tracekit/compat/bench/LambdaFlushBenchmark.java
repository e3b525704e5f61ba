package dev.tracekit.compat.bench;

import dev.tracekit.compat.bench.sink.LoopbackSink;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.PipelineStats;
import dev.tracekit.compat.core.trace.Tracer;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Issue 15: the flush at the end of a Lambda invocation, when the receiver closed the exporter's
 * pooled keep-alive connection while the process was frozen, against the same flush when the
 * connection is still open. Two shim pipelines with the default exporter settings (OTLP/HTTP JSON,
 * default retry policy), each to its own in-process {@link LoopbackSink}: one sink closes
 * connections that idled {@value #IDLE_CLOSE_MILLIS} ms, the other keeps them open. One cycle, for
 * each pipeline in turn (the order alternates): invoke (one request of scenario (c): 4 spans), then
 * flush ({@link Tracer#forceFlush}, timed); then both "freeze" {@value #FREEZE_MILLIS} ms (a sleep;
 * the pipelines' schedule delay is an hour, so nothing is exported but by the flush). The freeze
 * outlasts the idle timeout, so every flush to the closing sink finds its pooled connection closed.
 * Shim class path only.
 *
 * <pre>
 * LambdaFlushBenchmark [CYCLES [RESULT_FILE]]
 * </pre>
 *
 * <p>{@value #WARM_UP_CYCLES} unmeasured cycles come first: the first opens both connections, the
 * second takes the stale-connection path once through cold code. Reports the median, min and max
 * flush time of each pipeline over the measured cycles, the ratio of the medians, and what the
 * stale connection adds (difference of the medians; issue 15 asks for at most 20 ms).
 */
public final class LambdaFlushBenchmark {
  static final int DEFAULT_CYCLES = 5;
  static final int WARM_UP_CYCLES = 2;
  static final long IDLE_CLOSE_MILLIS = 1000;
  static final long FREEZE_MILLIS = 2000;
  static final int SPANS_PER_INVOCATION = 4;

  private LambdaFlushBenchmark() {}

  /** Runs the measurement; see the class comment. */
  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CYCLES;
    if (cycles < 1) {
      throw new IllegalArgumentException("CYCLES must be >= 1");
    }
    Outcome outcome = run(cycles);
    if (args.length > 1) {
      outcome.write(Paths.get(args[1]));
    }
    System.exit(0);
  }

  private static Outcome run(int cycles) throws Exception {
    try (LoopbackSink open = LoopbackSink.start();
        LoopbackSink closing = LoopbackSink.startClosingIdleConnections(IDLE_CLOSE_MILLIS)) {
      Tracer openPipeline = pipeline(open);
      Tracer stalePipeline = pipeline(closing);
      long[] openNanos = new long[cycles];
      long[] staleNanos = new long[cycles];
      for (int cycle = 0; cycle < WARM_UP_CYCLES + cycles; cycle++) {
        long openFlush;
        long staleFlush;
        if (cycle % 2 == 0) {
          openFlush = invokeAndFlush(openPipeline);
          staleFlush = invokeAndFlush(stalePipeline);
        } else {
          staleFlush = invokeAndFlush(stalePipeline);
          openFlush = invokeAndFlush(openPipeline);
        }
        if (cycle >= WARM_UP_CYCLES) {
          openNanos[cycle - WARM_UP_CYCLES] = openFlush;
          staleNanos[cycle - WARM_UP_CYCLES] = staleFlush;
        }
        Thread.sleep(FREEZE_MILLIS);
      }
      long invocations = WARM_UP_CYCLES + cycles;
      check(openPipeline, open, invocations, "open");
      check(stalePipeline, closing, invocations, "closing");
      openPipeline.shutdown(10, TimeUnit.SECONDS);
      stalePipeline.shutdown(10, TimeUnit.SECONDS);

      long[] openSorted = sorted(openNanos);
      long[] staleSorted = sorted(staleNanos);
      double openMedian = median(openSorted) / 1e6;
      double staleMedian = median(staleSorted) / 1e6;
      Outcome outcome =
          new Outcome()
              .put("contender", "shim-lambda-flush")
              .put("cycles", cycles)
              .put("warmUpCycles", WARM_UP_CYCLES)
              .put("freezeMillis", FREEZE_MILLIS)
              .put("idleCloseMillis", IDLE_CLOSE_MILLIS)
              .put("spansPerInvocation", SPANS_PER_INVOCATION)
              .put("openFlushMillis", millis(openNanos))
              .put("staleFlushMillis", millis(staleNanos))
              .put("openMedianMillis", format(openMedian))
              .put("staleMedianMillis", format(staleMedian))
              .put("openMinMillis", format(openSorted[0] / 1e6))
              .put("openMaxMillis", format(openSorted[cycles - 1] / 1e6))
              .put("staleMinMillis", format(staleSorted[0] / 1e6))
              .put("staleMaxMillis", format(staleSorted[cycles - 1] / 1e6))
              .put("medianRatio", String.format(Locale.ROOT, "%.2f", staleMedian / openMedian))
              .put("staleAddsMillis", format(staleMedian - openMedian))
              .put("openSinkConnections", open.otlpConnections())
              .put("closingSinkConnections", closing.otlpConnections())
              .put("closingSinkIdleClosed", closing.otlpIdleClosed());
      System.out.printf(
          Locale.ROOT,
          "Lambda-style flush (invoke %d spans, flush, freeze %d ms), %d measured cycles after %d"
              + " warm-up:%n"
              + "  receiver keeps connections open:         median %.2f ms (min %.2f, max %.2f);"
              + " sink saw %d connection(s)%n"
              + "  receiver closes idle connections (1 s): median %.2f ms (min %.2f, max %.2f);"
              + " sink saw %d connections, closed %d idle%n"
              + "  stale / open: %.2fx; the stale connection adds %.2f ms per flush (issue 15:"
              + " at most 20 ms)%n",
          SPANS_PER_INVOCATION,
          FREEZE_MILLIS,
          cycles,
          WARM_UP_CYCLES,
          openMedian,
          openSorted[0] / 1e6,
          openSorted[cycles - 1] / 1e6,
          open.otlpConnections(),
          staleMedian,
          staleSorted[0] / 1e6,
          staleSorted[cycles - 1] / 1e6,
          closing.otlpConnections(),
          closing.otlpIdleClosed(),
          staleMedian / openMedian,
          staleMedian - openMedian);
      System.out.println("  per flush, open (ms):  " + millis(openNanos));
      System.out.println("  per flush, stale (ms): " + millis(staleNanos));
      return outcome;
    }
  }

  private static Tracer pipeline(LoopbackSink sink) {
    return TraceKit.create(
        TraceKitConfig.builder()
            .setServiceName("lambda-flush")
            .setEndpoint(sink.otlpEndpoint())
            .setScheduleDelay(1, TimeUnit.HOURS)
            .setShutdownHook(false)
            .build());
  }

  /** One invocation's spans, then the flush that ends it; returns the flush's time in ns. */
  private static long invokeAndFlush(Tracer tracer) {
    try (Span request = tracer.spanBuilder("handler").setSpanKind(SpanKind.SERVER).start()) {
      request.setAttribute("faas.trigger", "http");
      try (Span cart = tracer.startSpan("load-cart")) {
        cart.setAttribute("items", 3);
        try (Span price = tracer.startSpan("price")) {
          price.setAttribute("currency", "EUR");
          try (Span query = tracer.startSpan("query")) {
            query.setAttribute("rows", 12);
          }
        }
      }
    }
    long start = System.nanoTime();
    boolean flushed = tracer.forceFlush(30, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    if (!flushed) {
      throw new IllegalStateException("flush timed out: " + tracer.getStats());
    }
    return elapsed;
  }

  /** Every span delivered: nothing failed, dropped, or lost on the way to the sink. */
  private static void check(Tracer tracer, LoopbackSink sink, long invocations, String name) {
    PipelineStats stats = tracer.getStats();
    long expected = invocations * SPANS_PER_INVOCATION;
    if (stats.getSpansExported() != expected
        || stats.getSpansFailed() != 0
        || stats.getSpansDropped() != 0
        || sink.otlpSpans() != expected) {
      throw new IllegalStateException(
          name + " sink: expected " + expected + " spans delivered; " + stats + ", sink "
              + sink.statsJson());
    }
  }

  private static long[] sorted(long[] values) {
    long[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  private static double median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static String millis(long[] nanos) {
    StringBuilder out = new StringBuilder();
    for (long n : nanos) {
      out.append(out.length() == 0 ? "" : " ").append(format(n / 1e6));
    }
    return out.toString();
  }

  private static String format(double millis) {
    return String.format(Locale.ROOT, "%.2f", millis);
  }
}

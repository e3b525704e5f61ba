package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prints each batch of spans as a readable tree, one block per trace: for local runs, demos and
 * debugging, never for production traffic. TraceKit uses it when neither an API key nor an endpoint
 * is configured.
 *
 * <pre>
 * trace 0af7651916cd43dd8448eb211c80319c  (service checkout)
 *   GET /checkout  SERVER  41.872 ms  span b7ad6b7169203331
 *       http.request.method="GET"
 *     load-cart  0.412 ms  span 1f0c2ad6c1e4a2b9
 *         cart.items=3
 *     apply-coupon  0.2 ms  ERROR "coupon expired"  span 5e6f70818a1d3b4c
 *         event exception +0.15 ms  java.lang.IllegalArgumentException: coupon expired
 *           at com.example.Coupons.apply(Coupons.java:42)
 * </pre>
 *
 * <p>Within a trace a span is printed under its parent, two spaces deeper, when the parent is in
 * the same batch; otherwise at the top of the trace, with a note naming the parent. Siblings appear
 * in start order. Each span line shows the name, the kind unless {@code INTERNAL}, the duration,
 * the status when it is {@code ERROR} and the span id; the span's attributes and events follow on
 * deeper lines. An exception event shows its type, message and first stack frame only.
 *
 * <p>Each batch is formatted first and then written with a single {@code print} and a {@code
 * flush}, so that batches never interleave with each other or with other writers of the same
 * stream. {@link #export} is called from the processor's worker thread and never throws: a failure
 * fails the batch. {@link #shutdown()} does not close the stream.
 */
public final class ConsoleSpanExporter implements SpanExporter {
  private static final Logger LOGGER = Logger.getLogger(ConsoleSpanExporter.class.getName());

  private final PrintStream out;
  private final ThrottlingLogger logger = ThrottlingLogger.create(LOGGER);
  private volatile boolean shutdown;

  private ConsoleSpanExporter(PrintStream out) {
    this.out = out;
  }

  /** Returns an exporter that prints to {@link System#err}. */
  public static ConsoleSpanExporter create() {
    return new ConsoleSpanExporter(System.err);
  }

  /** Returns an exporter that prints to {@code out}, which it flushes but never closes. */
  public static ConsoleSpanExporter create(PrintStream out) {
    return new ConsoleSpanExporter(Objects.requireNonNull(out, "out"));
  }

  /**
   * Prints {@code spans} as one block and flushes the stream. Returns a failed result, without
   * throwing, when formatting fails, when the stream reports an error, or after {@link
   * #shutdown()}.
   */
  @Override
  public ExportResult export(List<SpanData> spans) {
    if (shutdown) {
      return ExportResult.failed(spans.size());
    }
    if (spans.isEmpty()) {
      return ExportResult.success();
    }
    try {
      String text = SpanTreeFormatter.format(spans);
      out.print(text);
      out.flush();
      return out.checkError() ? ExportResult.failed(spans.size()) : ExportResult.success();
    } catch (RuntimeException e) {
      logger.log(
          Level.WARNING, "Console exporter could not print " + spans.size() + " spans: " + e);
      return ExportResult.failed(spans.size());
    }
  }

  /** Flushes the stream. */
  @Override
  public void flush() {
    out.flush();
  }

  /** Makes later exports fail; the stream stays open. */
  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public String toString() {
    return "ConsoleSpanExporter{}";
  }
}

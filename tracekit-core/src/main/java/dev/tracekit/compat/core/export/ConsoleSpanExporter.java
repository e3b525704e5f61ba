package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Prints each batch of spans as a readable tree with a waterfall, one block per trace: for local
 * runs, demos and debugging, never for production traffic. TraceKit uses it when neither an API key
 * nor an endpoint is configured.
 *
 * <pre>
 * trace 0af7651916cd43dd8448eb211c80319c  (service checkout)
 *   GET /checkout  SERVER     +0.000 ms  |################################|  41.872 ms  span b7ad6b7169203331
 *       http.request.method="GET"
 *     load-cart               +1.203 ms  | #                              |  0.412 ms  span 1f0c2ad6c1e4a2b9
 *         cart.items=2
 *     price-items             +2.000 ms  |  #######                       |  10.4 ms  span 3a9e4c1d2b7f6e05
 *       price-item            +2.100 ms  |  #######                       |  9.8 ms  span 4c2b7e9f1a3d5e60
 *       price-item            +2.200 ms  |  #####                         |  7.6 ms  span 8d1f3a5c7e9b2d40
 *     POST /reserve  CLIENT  +12.600 ms  |          ####################  |  26.3 ms  span 6e5d4c3b2a190817
 *     apply-coupon           +39.100 ms  |                              # |  0.2 ms  ERROR "coupon expired"  span 5e6f70818a1d3b4c
 *         event exception +0.15 ms  java.lang.IllegalArgumentException: coupon expired
 *           at com.example.Coupons.apply(Coupons.java:42)
 * </pre>
 *
 * <p>Within a trace a span is printed under its parent, two spaces deeper, when the parent is in
 * the same batch; otherwise at the top of the trace, with a note naming the parent. Siblings appear
 * in start order. Each span line shows the name and the kind unless {@code INTERNAL}; then, in
 * columns that line up within the trace, the start offset and a bar; then the duration, the status
 * when it is {@code ERROR} and the span id. The span's attributes and events follow on deeper
 * lines. An exception event shows its type, message and first stack frame only.
 *
 * <p>The offset is measured from the earliest start among the trace's spans in the batch (the
 * root's start when the root is in the batch, as it usually is when the whole trace is one batch).
 * The bar's {@value SpanTreeFormatter#BAR_WIDTH} columns span from that start to the latest end in
 * the batch, so bars that overlap show work that ran in parallel, and a span shorter than a column
 * still shows one mark. A trace split over several batches is scaled per batch.
 *
 * <p>{@link #create()} colours its output with ANSI escapes (bold headers, cyan bars, red for
 * errors) when {@link System#console()} is not null (and, on Java 22 to 24, which return a console
 * for redirected streams too, its {@code isTerminal()} is true) and the {@code NO_COLOR}
 * environment variable is unset or empty (see no-color.org). Java 8 cannot ask whether {@code
 * System.err} itself is a terminal; a console tells that standard input and output are, which is
 * the common case of a run from a shell. So {@code app 2> trace.log} typed at a terminal writes
 * escapes into the file (set {@code NO_COLOR}), and {@code app | less} prints without colour.
 * {@link #create(PrintStream)} never colours.
 *
 * <p>Each batch is formatted first and then written with a single {@code print} and a {@code
 * flush}, so that batches never interleave with each other or with other writers of the same
 * stream. {@link #export} is called from the processor's worker thread and never throws: a failure
 * fails the batch. {@link #shutdown()} does not close the stream.
 */
public final class ConsoleSpanExporter implements SpanExporter {
  private static final Logger LOGGER = Logger.getLogger(ConsoleSpanExporter.class.getName());

  private final PrintStream out;
  private final boolean ansiColour;
  private final ThrottlingLogger logger = ThrottlingLogger.create(LOGGER);
  private volatile boolean shutdown;

  private ConsoleSpanExporter(PrintStream out, boolean ansiColour) {
    this.out = out;
    this.ansiColour = ansiColour;
  }

  /**
   * Returns an exporter that prints to {@link System#err}, in colour when the JVM has a console on
   * a terminal and {@code NO_COLOR} is not set.
   */
  public static ConsoleSpanExporter create() {
    return create(System.err, useColour(hasTerminalConsole(), noColorVariable()));
  }

  /**
   * Returns an exporter that prints to {@code out}, which it flushes but never closes, without
   * colour.
   */
  public static ConsoleSpanExporter create(PrintStream out) {
    return create(out, false);
  }

  /** Returns an exporter that prints to {@code out}, with ANSI colours when {@code ansiColour}. */
  static ConsoleSpanExporter create(PrintStream out, boolean ansiColour) {
    return new ConsoleSpanExporter(Objects.requireNonNull(out, "out"), ansiColour);
  }

  /**
   * Decides whether {@link #create()} colours its output: only when the JVM has a console on a
   * terminal and the {@code NO_COLOR} variable is unset or empty.
   *
   * @param terminalConsole what {@link #hasTerminalConsole()} returned
   * @param noColor the value of {@code NO_COLOR}, or null when it is not set
   */
  static boolean useColour(boolean terminalConsole, @Nullable String noColor) {
    return terminalConsole && (noColor == null || noColor.isEmpty());
  }

  /**
   * Returns whether {@link System#console()} returns a console on a terminal. Before Java 22 it
   * returns one only then; Java 22 to 24 also return one when the streams are redirected, and say
   * which it is with {@code Console.isTerminal()}, called here by reflection.
   */
  private static boolean hasTerminalConsole() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true; // Before Java 22: a console is a terminal.
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Returns the value of {@code NO_COLOR}; when the environment cannot be read, a non-empty value,
   * which turns colour off.
   */
  @Nullable
  private static String noColorVariable() {
    try {
      return System.getenv("NO_COLOR");
    } catch (SecurityException e) {
      return "unreadable";
    }
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
      String text = SpanTreeFormatter.format(spans, ansiColour);
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
    return "ConsoleSpanExporter{ansiColour=" + ansiColour + "}";
  }
}

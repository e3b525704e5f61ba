package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.trace.SpanData;
import java.io.PrintStream;
import java.util.List;

/** SKELETON: prints spans as a tree on stderr. To be implemented. */
public final class ConsoleSpanExporter implements SpanExporter {
  private final PrintStream out;

  private ConsoleSpanExporter(PrintStream out) {
    this.out = out;
  }

  public static ConsoleSpanExporter create() {
    return new ConsoleSpanExporter(System.err);
  }

  public static ConsoleSpanExporter create(PrintStream out) {
    return new ConsoleSpanExporter(out);
  }

  @Override
  public ExportResult export(List<SpanData> spans) {
    for (SpanData span : spans) {
      out.println(span.getName());
    }
    return ExportResult.success();
  }

  @Override
  public void shutdown() {}
}

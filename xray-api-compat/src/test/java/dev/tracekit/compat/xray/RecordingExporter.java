package dev.tracekit.compat.xray;

import dev.tracekit.compat.core.export.ExportResult;
import dev.tracekit.compat.core.export.SpanExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.List;

/** Keeps every exported span, in export order. */
public final class RecordingExporter implements SpanExporter {
  private final List<SpanData> spans = new ArrayList<>();

  @Override
  public synchronized ExportResult export(List<SpanData> batch) {
    spans.addAll(batch);
    return ExportResult.success();
  }

  public synchronized List<SpanData> spans() {
    return new ArrayList<>(spans);
  }

  public SpanData byName(String name) {
    for (SpanData span : spans()) {
      if (span.getName().equals(name)) {
        return span;
      }
    }
    throw new AssertionError("no span named " + name + " in " + spans());
  }

  @Override
  public void shutdown() {}
}

package dev.tracekit.compat.xraydemo;

import dev.tracekit.compat.core.export.ExportResult;
import dev.tracekit.compat.core.export.SpanExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps every exported span, in export order, and answers questions about the tree. */
final class RecordingExporter implements SpanExporter {
  private final List<SpanData> spans = new ArrayList<>();

  @Override
  public synchronized ExportResult export(List<SpanData> batch) {
    spans.addAll(batch);
    return ExportResult.success();
  }

  synchronized List<SpanData> spans() {
    return new ArrayList<>(spans);
  }

  /** Spans with no parent (the segments that start a trace), in start order. */
  List<SpanData> roots() {
    return spans().stream()
        .filter(span -> !span.getParentSpanContext().isValid())
        .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
        .collect(Collectors.toList());
  }

  /** The direct children of {@code parent}, in start order. */
  List<SpanData> childrenOf(SpanData parent) {
    String traceId = parent.getSpanContext().getTraceId();
    String spanId = parent.getSpanContext().getSpanId();
    return spans().stream()
        .filter(span -> span.getParentSpanContext().isValid()
            && span.getParentSpanContext().getTraceId().equals(traceId)
            && span.getParentSpanContext().getSpanId().equals(spanId))
        .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
        .collect(Collectors.toList());
  }

  /** The only child of {@code parent} named {@code name}. */
  SpanData child(SpanData parent, String name) {
    List<SpanData> matches = childrenOf(parent).stream()
        .filter(span -> span.getName().equals(name))
        .collect(Collectors.toList());
    if (matches.size() != 1) {
      throw new AssertionError(matches.size() + " children named " + name + " under "
          + parent.getName() + ": " + names(childrenOf(parent)));
    }
    return matches.get(0);
  }

  /** The names of the direct children of {@code parent}, in start order. */
  List<String> childNames(SpanData parent) {
    return names(childrenOf(parent));
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).collect(Collectors.toList());
  }

  @Override
  public void shutdown() {}
}

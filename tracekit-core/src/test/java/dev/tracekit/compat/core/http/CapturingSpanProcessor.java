package dev.tracekit.compat.core.http;

import dev.tracekit.compat.core.trace.ProcessorStats;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Keeps every ended span, in order. */
final class CapturingSpanProcessor implements SpanProcessor {
  private final List<SpanData> spans = new ArrayList<>();

  @Override
  public synchronized void onEnd(SpanData span) {
    spans.add(span);
  }

  synchronized List<SpanData> getSpans() {
    return new ArrayList<>(spans);
  }

  @Override
  public boolean forceFlush(long timeout, TimeUnit unit) {
    return true;
  }

  @Override
  public boolean shutdown(long timeout, TimeUnit unit) {
    return true;
  }

  @Override
  public ProcessorStats getStats() {
    return ProcessorStats.empty();
  }
}

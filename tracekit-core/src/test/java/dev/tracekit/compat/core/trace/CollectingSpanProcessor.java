package dev.tracekit.compat.core.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A processor that keeps every span handed to it, on the thread that ended the span. */
final class CollectingSpanProcessor implements SpanProcessor {
  private final List<SpanData> spans = new ArrayList<>();

  @Override
  public synchronized void onEnd(SpanData span) {
    spans.add(span);
  }

  /** Returns the spans received so far, in the order they ended. */
  synchronized List<SpanData> spans() {
    return new ArrayList<>(spans);
  }

  /** Returns the only span received; fails when there is not exactly one. */
  synchronized SpanData onlySpan() {
    if (spans.size() != 1) {
      throw new AssertionError("Expected exactly one ended span, got " + spans);
    }
    return spans.get(0);
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
  public synchronized ProcessorStats getStats() {
    return ProcessorStats.create(spans.size(), 0, 0, 0, 0);
  }
}

package dev.tracekit.compat.core.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * A processor that keeps every span handed to it, on the thread that ended the span: the way tests
 * get real {@link SpanData} from a real {@link Tracer}.
 */
public final class CollectingSpanProcessor implements SpanProcessor {
  private final List<SpanData> spans = new ArrayList<>();

  @Override
  public synchronized void onEnd(SpanData span) {
    spans.add(span);
  }

  /** Returns the spans received so far, in the order they ended. */
  public synchronized List<SpanData> spans() {
    return new ArrayList<>(spans);
  }

  /** Returns the only span received; fails when there is not exactly one. */
  public synchronized SpanData onlySpan() {
    if (spans.size() != 1) {
      throw new AssertionError("Expected exactly one ended span, got " + spans);
    }
    return spans.get(0);
  }

  @Override
  public synchronized ProcessorStats getStats() {
    return ProcessorStats.create(spans.size(), 0, 0, 0, 0);
  }
}

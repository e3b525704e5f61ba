package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.export.LoopbackOtlpReceiver;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a {@link LoopbackOtlpReceiver} received under load, kept compact (four longs per span, no
 * names) so that well over a million spans fit in a test JVM, and checked against what a {@link
 * LoadProducer} recorded: every span once, every segment a root, every subsegment under its own
 * segment in the same trace.
 */
final class ReceivedSpans implements LoopbackOtlpReceiver.SpanSink {
  private final long[] traceHigh;
  private final long[] traceLow;
  private final long[] spanIds;
  private final long[] parentIds;
  private int size;
  private long overflow;

  ReceivedSpans(long capacity) {
    int n = Math.toIntExact(capacity);
    traceHigh = new long[n];
    traceLow = new long[n];
    spanIds = new long[n];
    parentIds = new long[n];
  }

  @Override
  public synchronized void accept(
      long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, String name) {
    if (size == spanIds.length) {
      overflow++;
      return;
    }
    traceHigh[size] = traceIdHigh;
    traceLow[size] = traceIdLow;
    spanIds[size] = spanId;
    parentIds[size] = parentSpanId;
    size++;
  }

  /**
   * Checks that the spans received are exactly those {@code app} ended: each span id once, the
   * segments' ids and trace ids as recorded, and {@code app.subsegments} children under each
   * segment, each in its segment's trace.
   */
  synchronized void assertExactlyTheSpansOf(LoadProducer app) {
    assertThat(overflow).as("spans received beyond the %s ended", spanIds.length).isZero();
    assertThat((long) size).as("spans received").isEqualTo(app.spans());

    long[] sorted = Arrays.copyOf(spanIds, size);
    Arrays.sort(sorted);
    long duplicates = 0;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        duplicates++;
      }
    }
    assertThat(duplicates).as("span ids received more than once").isZero();

    int segments = app.threads * app.segments;
    Map<Long, Integer> segmentIndex = new HashMap<>(segments * 2);
    for (int i = 0; i < segments; i++) {
      segmentIndex.put(app.segmentId(i), i);
    }
    assertThat(segmentIndex).as("distinct segment ids recorded").hasSize(segments);

    int[] children = new int[segments];
    boolean[] segmentSeen = new boolean[segments];
    long wrongTrace = 0;
    long orphans = 0;
    long unknownRoots = 0;
    for (int i = 0; i < size; i++) {
      if (parentIds[i] == 0) {
        Integer segment = segmentIndex.get(spanIds[i]);
        if (segment == null) {
          unknownRoots++;
          continue;
        }
        segmentSeen[segment] = true;
        if (!inTraceOf(app, segment, i)) {
          wrongTrace++;
        }
        continue;
      }
      Integer segment = segmentIndex.get(parentIds[i]);
      if (segment == null) {
        orphans++;
        continue;
      }
      children[segment]++;
      if (!inTraceOf(app, segment, i)) {
        wrongTrace++;
      }
    }
    assertThat(unknownRoots).as("root spans that are no segment of the app").isZero();
    assertThat(orphans).as("child spans whose parent is no segment of the app").isZero();
    assertThat(wrongTrace).as("spans in another trace than their segment's").isZero();
    long segmentsMissing = 0;
    long segmentsWithOtherChildren = 0;
    for (int i = 0; i < segments; i++) {
      if (!segmentSeen[i]) {
        segmentsMissing++;
      }
      if (children[i] != app.subsegments) {
        segmentsWithOtherChildren++;
      }
    }
    assertThat(segmentsMissing).as("segments not received").isZero();
    assertThat(segmentsWithOtherChildren)
        .as("segments without exactly %s subsegments", app.subsegments)
        .isZero();
  }

  private boolean inTraceOf(LoadProducer app, int segment, int span) {
    return traceHigh[span] == app.segmentTraceHigh(segment)
        && traceLow[span] == app.segmentTraceLow(segment);
  }
}

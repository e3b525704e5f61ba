package dev.tracekit.compat.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.StatusCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordingSpanTest {
  private final CollectingSpanProcessor processor = new CollectingSpanProcessor();
  private final Tracer tracer = Tracer.builder().setSpanProcessor(processor).build();

  private Span newSpan() {
    return tracer.spanBuilder("span").setNoParent().startDetached();
  }

  private SpanData endAndGet(Span span) {
    span.end();
    return processor.onlySpan();
  }

  // --- attributes ---

  @Test
  void keepsAttributesOfEveryType() {
    Span span = newSpan();
    span.setAttribute("s", "text");
    span.setAttribute("l", 42L);
    span.setAttribute("i", 7); // an int widens to a long
    span.setAttribute("d", 1.5);
    span.setAttribute("b", true);
    span.setAttribute("sa", new String[] {"x", "y"});
    span.setAttribute("la", new long[] {1, 2});
    span.setAttribute("da", new double[] {0.5, 0.25});
    span.setAttribute("ba", new boolean[] {true, false});
    span.setAttribute(AttributeKey.stringKey("typed"), "value");

    Attributes attributes = endAndGet(span).getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("s"))).isEqualTo("text");
    assertThat(attributes.get(AttributeKey.longKey("l"))).isEqualTo(42L);
    assertThat(attributes.get(AttributeKey.longKey("i"))).isEqualTo(7L);
    assertThat(attributes.get(AttributeKey.doubleKey("d"))).isEqualTo(1.5);
    assertThat(attributes.get(AttributeKey.booleanKey("b"))).isTrue();
    assertThat(attributes.get(AttributeKey.stringArrayKey("sa"))).containsExactly("x", "y");
    assertThat(attributes.get(AttributeKey.longArrayKey("la"))).containsExactly(1L, 2L);
    assertThat(attributes.get(AttributeKey.doubleArrayKey("da"))).containsExactly(0.5, 0.25);
    assertThat(attributes.get(AttributeKey.booleanArrayKey("ba"))).containsExactly(true, false);
    assertThat(attributes.get(AttributeKey.stringKey("typed"))).isEqualTo("value");
    assertThat(attributes.size()).isEqualTo(10);
  }

  @Test
  void arrayValuesAreCopiedWhenSet() {
    Span span = newSpan();
    long[] values = {1, 2, 3};
    span.setAttribute("la", values);
    values[0] = 99;

    assertThat(endAndGet(span).getAttributes().get(AttributeKey.longArrayKey("la")))
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void settingAKeyAgainReplacesItsValueAndType() {
    Span span = newSpan();
    span.setAttribute("k", "first");
    span.setAttribute("k", "second");
    span.setAttribute("n", 1L);
    span.setAttribute("n", "now a string");

    SpanData data = endAndGet(span);
    assertThat(data.getAttributes().size()).isEqualTo(2);
    assertThat(data.getAttributes().get(AttributeKey.stringKey("k"))).isEqualTo("second");
    assertThat(data.getAttributes().get(AttributeKey.longKey("n"))).isNull();
    assertThat(data.getAttributes().get(AttributeKey.stringKey("n"))).isEqualTo("now a string");
    assertThat(data.getDroppedAttributesCount()).isZero();
  }

  @Test
  void nullAndEmptyKeysAndNullValuesAreIgnored() {
    Span span = newSpan();
    span.setAttribute((String) null, "v");
    span.setAttribute("", "v");
    span.setAttribute("s", (String) null);
    span.setAttribute("sa", (String[]) null);
    span.setAttribute((AttributeKey<String>) null, "v");
    span.setAllAttributes(null);

    SpanData data = endAndGet(span);
    assertThat(data.getAttributes().isEmpty()).isTrue();
    assertThat(data.getDroppedAttributesCount()).isZero();
  }

  @Test
  void attributesBeyondTheLimitAreDroppedAndCounted() {
    Span span = newSpan();
    for (int i = 0; i < 130; i++) {
      span.setAttribute("key" + i, i);
    }
    // Replacing a kept attribute still works at the limit, and is no drop.
    span.setAttribute("key0", "replaced");

    SpanData data = endAndGet(span);
    assertThat(data.getAttributes().size()).isEqualTo(128);
    assertThat(data.getAttributes().get(AttributeKey.longKey("key127"))).isEqualTo(127L);
    assertThat(data.getAttributes().get(AttributeKey.longKey("key128"))).isNull();
    assertThat(data.getAttributes().get(AttributeKey.stringKey("key0"))).isEqualTo("replaced");
    assertThat(data.getDroppedAttributesCount()).isEqualTo(2);
  }

  @Test
  void theHundredAndTwentyNinthAttributeIsTheFirstDropped() {
    Span span = newSpan();
    for (int i = 0; i < 128; i++) {
      span.setAttribute("key" + i, i);
    }
    span.setAttribute("one-too-many", true);

    SpanData data = endAndGet(span);
    assertThat(data.getAttributes().size()).isEqualTo(128);
    assertThat(data.getAttributes().get(AttributeKey.booleanKey("one-too-many"))).isNull();
    assertThat(data.getDroppedAttributesCount()).isEqualTo(1);
  }

  @Test
  void longStringValuesAreTruncatedToTheLimit() {
    Span span = newSpan();
    span.setAttribute("long", repeat('a', 10_000));
    span.setAttribute("exact", repeat('b', 8192));
    span.setAttribute("array", new String[] {"short", repeat('c', 9000)});

    Attributes attributes = endAndGet(span).getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("long"))).isEqualTo(repeat('a', 8192));
    assertThat(attributes.get(AttributeKey.stringKey("exact"))).isEqualTo(repeat('b', 8192));
    assertThat(attributes.get(AttributeKey.stringArrayKey("array")))
        .containsExactly("short", repeat('c', 8192));
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    Span span = newSpan();
    span.setAttribute("split", repeat('a', 8191) + emoji + "tail");
    span.setAttribute("fits", repeat('a', 8190) + emoji + "tail");

    Attributes attributes = endAndGet(span).getAttributes();
    String split = attributes.get(AttributeKey.stringKey("split"));
    assertThat(split).isEqualTo(repeat('a', 8191));
    String fits = attributes.get(AttributeKey.stringKey("fits"));
    assertThat(fits).hasSize(8192).endsWith(emoji);
  }

  @Test
  void longNamesAndStatusDescriptionsAreTruncatedToTheValueLimit() {
    Span span = newSpan();
    span.setStatus(StatusCode.ERROR, repeat('s', 9000));
    span.updateName(repeat('n', 10_000));
    SpanData data = endAndGet(span);
    assertThat(data.getName()).isEqualTo(repeat('n', 8192));
    assertThat(data.getStatusDescription()).isEqualTo(repeat('s', 8192));
  }

  @Test
  void aMegabyteNameAndExceptionMessageAreCutWhenTheSpanStarts() {
    Span huge = tracer.spanBuilder(repeat('h', 1_000_000)).setNoParent().startDetached();
    huge.recordException(new IllegalStateException(repeat('m', 20_000)));
    SpanData hugeData = endAndGet(huge);
    assertThat(hugeData.getName()).hasSize(8192);
    assertThat(hugeData.getStatusDescription()).hasSize(8192);
  }

  @Test
  void customLimitsApply() {
    CollectingSpanProcessor limited = new CollectingSpanProcessor();
    Tracer small =
        Tracer.builder()
            .setSpanProcessor(limited)
            .setSpanLimits(SpanLimits.create(2, 3, 1))
            .build();
    Span span = small.spanBuilder("s").startDetached();
    span.setAttribute("a", "abcdef");
    span.setAttribute("b", 1L);
    span.setAttribute("c", 2L);
    span.addEvent("e1", Attributes.builder().put("x", 1L).put("y", 2L).put("z", "long-value").build());
    span.addEvent("e2");
    span.end();

    SpanData data = limited.onlySpan();
    assertThat(data.getAttributes().get(AttributeKey.stringKey("a"))).isEqualTo("abc");
    assertThat(data.getAttributes().size()).isEqualTo(2);
    assertThat(data.getDroppedAttributesCount()).isEqualTo(1);
    assertThat(data.getEvents()).hasSize(1);
    EventData event = data.getEvents().get(0);
    assertThat(event.getAttributes().size()).isEqualTo(2);
    assertThat(event.getDroppedAttributesCount()).isEqualTo(1);
    assertThat(data.getDroppedEventsCount()).isEqualTo(1);
  }

  @Test
  void concurrentWritersKeepExactlyTheLimit() throws Exception {
    Span span = newSpan();
    int threads = 4;
    int keysPerThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int k = 0; k < keysPerThread; k++) {
                    span.setAttribute("t" + thread + "k" + k, k);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    SpanData data = endAndGet(span);
    assertThat(data.getAttributes().size()).isEqualTo(128);
    assertThat(data.getDroppedAttributesCount()).isEqualTo(threads * keysPerThread - 128);
  }

  // --- events ---

  @Test
  void eventsBeyondTheLimitAreDroppedAndCounted() {
    Span span = newSpan();
    for (int i = 0; i < 130; i++) {
      span.addEvent("event" + i);
    }

    SpanData data = endAndGet(span);
    assertThat(data.getEvents()).hasSize(128);
    assertThat(data.getEvents().get(0).getName()).isEqualTo("event0");
    assertThat(data.getEvents().get(127).getName()).isEqualTo("event127");
    assertThat(data.getDroppedEventsCount()).isEqualTo(2);
  }

  @Test
  void eventsKeepTheirAttributesAndExplicitTimestamps() {
    Span span = newSpan();
    span.addEvent("cache.miss", Attributes.builder().put("key", "user:1").build(), 1234, TimeUnit.MILLISECONDS);
    span.addEvent(null);

    SpanData data = endAndGet(span);
    assertThat(data.getEvents()).hasSize(1);
    EventData event = data.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("cache.miss");
    assertThat(event.getEpochNanos()).isEqualTo(1_234_000_000L);
    assertThat(event.getAttributes().get(AttributeKey.stringKey("key"))).isEqualTo("user:1");
  }

  @Test
  void eventsHappenBetweenStartAndEnd() {
    Span span = newSpan();
    span.addEvent("middle");

    SpanData data = endAndGet(span);
    long at = data.getEvents().get(0).getEpochNanos();
    assertThat(at).isBetween(data.getStartEpochNanos(), data.getEndEpochNanos());
  }

  // --- exceptions and status ---

  @Test
  void recordExceptionAddsAnExceptionEventAndSetsErrorStatus() {
    Span span = newSpan();
    IllegalStateException exception = new IllegalStateException("cart is empty");
    span.recordException(exception);

    SpanData data = endAndGet(span);
    assertThat(data.getEvents()).hasSize(1);
    EventData event = data.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    Attributes attributes = event.getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("exception.type")))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(attributes.get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("cart is empty");
    assertThat(attributes.get(AttributeKey.stringKey("exception.stacktrace")))
        .startsWith("java.lang.IllegalStateException: cart is empty")
        .contains("\tat ")
        .contains("recordExceptionAddsAnExceptionEventAndSetsErrorStatus");
    assertThat(data.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(data.getStatusDescription()).isEqualTo("cart is empty");
  }

  @Test
  void recordExceptionWithoutMessageUsesTheTypeAsDescription() {
    Span span = newSpan();
    span.recordException(new NullPointerException());

    SpanData data = endAndGet(span);
    assertThat(data.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isNull();
    assertThat(data.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(data.getStatusDescription()).isEqualTo("java.lang.NullPointerException");
  }

  @Test
  void recordExceptionKeepsExtraAttributes() {
    Span span = newSpan();
    span.recordException(
        new RuntimeException("boom"), Attributes.builder().put("retry", 2L).build());

    Attributes attributes = endAndGet(span).getEvents().get(0).getAttributes();
    assertThat(attributes.get(AttributeKey.longKey("retry"))).isEqualTo(2L);
    assertThat(attributes.get(AttributeKey.stringKey("exception.message"))).isEqualTo("boom");
  }

  @Test
  void recordExceptionKeepsAnExplicitStatus() {
    Span ok = newSpan();
    ok.setStatus(StatusCode.OK);
    ok.recordException(new RuntimeException("handled"));
    ok.end();
    Span failed = tracer.spanBuilder("failed").startDetached();
    failed.setStatus(StatusCode.ERROR, "first cause");
    failed.recordException(new RuntimeException("second"));
    failed.end();

    List<SpanData> spans = processor.spans();
    assertThat(spans.get(0).getStatusCode()).isEqualTo(StatusCode.OK);
    assertThat(spans.get(0).getEvents()).hasSize(1);
    assertThat(spans.get(1).getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(spans.get(1).getStatusDescription()).isEqualTo("first cause");
  }

  @Test
  void statusStartsUnsetAndKeepsTheDescriptionOnlyForError() {
    Span unset = newSpan();
    unset.end();
    Span error = newSpan();
    error.setStatus(StatusCode.ERROR, "timeout");
    error.end();
    Span ok = newSpan();
    ok.setStatus(StatusCode.OK, "ignored for OK");
    ok.end();

    List<SpanData> spans = processor.spans();
    assertThat(spans.get(0).getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(spans.get(0).getStatusDescription()).isEmpty();
    assertThat(spans.get(1).getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(spans.get(1).getStatusDescription()).isEqualTo("timeout");
    assertThat(spans.get(2).getStatusCode()).isEqualTo(StatusCode.OK);
    assertThat(spans.get(2).getStatusDescription()).isEmpty();
  }

  @Test
  void okStatusIsFinal() {
    Span span = newSpan();
    span.setStatus(StatusCode.ERROR, "transient");
    span.setStatus(StatusCode.OK);
    span.setStatus(StatusCode.ERROR, "too late");
    span.setStatus(StatusCode.UNSET);

    SpanData data = endAndGet(span);
    assertThat(data.getStatusCode()).isEqualTo(StatusCode.OK);
    assertThat(data.getStatusDescription()).isEmpty();
  }

  @Test
  void nullStatusIsIgnored() {
    Span span = newSpan();
    span.setStatus(StatusCode.ERROR, "kept");
    span.setStatus(null);

    assertThat(endAndGet(span).getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  // --- end ---

  @Test
  void endIsIdempotentAndTheProcessorGetsTheSpanOnce() {
    Span span = newSpan();
    span.end(5, TimeUnit.SECONDS);
    span.end();
    span.end(9, TimeUnit.SECONDS);
    span.close();

    assertThat(processor.spans()).hasSize(1);
    assertThat(processor.onlySpan().getEndEpochNanos()).isEqualTo(5_000_000_000L);
    assertThat(tracer.getStats().getSpansEnded()).isEqualTo(1);
  }

  @Test
  void changesAfterEndAreIgnored() {
    Span span = newSpan();
    span.setAttribute("before", 1L);
    span.addEvent("before");
    span.end();
    assertThat(span.isRecording()).isFalse();

    span.setAttribute("after", 2L);
    span.setAttribute("before", 3L);
    span.setAllAttributes(Attributes.builder().put("all", true).build());
    span.addEvent("after");
    span.recordException(new RuntimeException("after"));
    span.setStatus(StatusCode.ERROR, "after");
    span.updateName("renamed");

    SpanData data = processor.onlySpan();
    assertThat(data.getName()).isEqualTo("span");
    assertThat(data.getAttributes().size()).isEqualTo(1);
    assertThat(data.getAttributes().get(AttributeKey.longKey("before"))).isEqualTo(1L);
    assertThat(data.getEvents()).extracting(EventData::getName).containsExactly("before");
    assertThat(data.getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void updateNameRenamesALiveSpan() {
    Span span = newSpan();
    span.updateName("GET /cart/{id}");
    span.updateName(null);

    assertThat(endAndGet(span).getName()).isEqualTo("GET /cart/{id}");
  }

  @Test
  void explicitEndTimestampIsPreserved() {
    Span span = tracer.spanBuilder("s").setStartTimestamp(1_000, TimeUnit.MILLISECONDS).startDetached();
    span.end(1_500_000, TimeUnit.MICROSECONDS);

    SpanData data = processor.onlySpan();
    assertThat(data.getStartEpochNanos()).isEqualTo(1_000_000_000L);
    assertThat(data.getEndEpochNanos()).isEqualTo(1_500_000_000L);
  }

  @Test
  void spanIsRecordingUntilItEnds() {
    Span span = newSpan();
    assertThat(span.isRecording()).isTrue();
    span.end();
    assertThat(span.isRecording()).isFalse();
  }

  @Test
  void endedSpanCarriesTheTracersResource() {
    Resource resource = Resource.create(Attributes.builder().put("service.name", "cart").build());
    CollectingSpanProcessor collecting = new CollectingSpanProcessor();
    Tracer withResource =
        Tracer.builder().setResource(resource).setSpanProcessor(collecting).build();

    withResource.spanBuilder("s").startDetached().end();

    assertThat(collecting.onlySpan().getResource()).isEqualTo(resource);
  }

  private static String repeat(char c, int count) {
    char[] chars = new char[count];
    Arrays.fill(chars, c);
    return new String(chars);
  }
}

package dev.tracekit.compat.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeferredSpanTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  @Test
  void isRecordedWhenFirstReadWithTheSpanBuildersIdRulesAndLimits() {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer =
        Tracer.builder()
            .setSpanProcessor(processor)
            .setSpanLimits(SpanLimits.create(2, 4, 8))
            .build();
    AtomicInteger recordings = new AtomicInteger();
    TestSpan root = new TestSpan(tracer, SpanContext.invalid(), 0x1111L, 0x2222L, 0x33L, recordings);
    root.end();

    assertThat(recordings).hasValue(0);
    SpanData span = processor.onlySpan();
    assertThat(span).isSameAs(root);
    assertThat(span.getSpanContext()).isEqualTo(SpanContext.fromIds(0x1111L, 0x2222L, 0x33L, true, false));
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getName()).isEqualTo("name");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getStartEpochNanos()).isEqualTo(T0);
    assertThat(span.getEndEpochNanos()).isEqualTo(T0 + 5);
    // Limits: 2 attributes, values cut to 4 chars.
    assertThat(span.getAttributes().size()).isEqualTo(2);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("a"))).isEqualTo("abcd");
    assertThat(span.getDroppedAttributesCount()).isEqualTo(1);
    Map<String, Object> iterated = new LinkedHashMap<>();
    span.forEachAttribute((key, value) -> iterated.put(key.getKey(), value));
    assertThat(iterated).containsExactly(entryOf("a", "abcd"), entryOf("b", 2L));
    assertThat(span.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatusDescription()).isEqualTo("fail");
    assertThat(span.getEvents()).hasSize(1);
    assertThat(span.getResource()).isSameAs(tracer.getResource());
    assertThat(recordings).hasValue(1);
    span.getAttributes();
    assertThat(recordings).as("recorded once").hasValue(1);
    assertThat(tracer.getStats().getSpansStarted()).isEqualTo(1);
    assertThat(tracer.getStats().getSpansEnded()).isEqualTo(1);
  }

  @Test
  void aValidParentGivesItsTraceAndZeroIdsGiveNewOnes() {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer = Tracer.builder().setSpanProcessor(processor).build();
    SpanContext parent = SpanContext.fromIds(0xaL, 0xbL, 0xcL, true, true);
    new TestSpan(tracer, parent, 0x1111L, 0x2222L, 0, new AtomicInteger()).end();
    new TestSpan(tracer, SpanContext.invalid(), 0, 0, 0, new AtomicInteger()).end();

    SpanData child = processor.spans().get(0);
    assertThat(child.getParentSpanContext()).isEqualTo(parent);
    assertThat(child.getSpanContext().getTraceIdHigh()).isEqualTo(0xaL);
    assertThat(child.getSpanContext().getTraceIdLow()).isEqualTo(0xbL);
    assertThat(child.getSpanContext().getSpanIdAsLong()).isNotZero();
    SpanData fresh = processor.spans().get(1);
    assertThat(fresh.getSpanContext().isValid()).isTrue();
    assertThat(fresh.getSpanContext().isSampled()).isTrue();
  }

  @Test
  void aTracerWithoutProcessorCountsItUnsampled() {
    Tracer tracer = Tracer.builder().build();
    new TestSpan(tracer, SpanContext.invalid(), 1, 2, 3, new AtomicInteger()).end();

    assertThat(tracer.getStats().getSpansUnsampled()).isEqualTo(1);
    assertThat(tracer.getStats().getSpansStarted()).isZero();
    assertThat(tracer.getStats().getSpansEnded()).isZero();
  }

  @Test
  void whatWasRecordedBeforeAnExceptionIsKept() {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer = Tracer.builder().setSpanProcessor(processor).build();
    new TestSpan(tracer, SpanContext.invalid(), 1, 2, 3, new AtomicInteger()) {
      @Override
      protected void record(Span span) {
        span.setAttribute("kept", true);
        throw new IllegalStateException("mapping failed");
      }
    }.end();

    SpanData span = processor.onlySpan();
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("kept"))).isTrue();
    assertThat(span.getEndEpochNanos()).isEqualTo(T0 + 5);
  }

  private static Map.Entry<String, Object> entryOf(String key, Object value) {
    return new java.util.AbstractMap.SimpleEntry<>(key, value);
  }

  private static class TestSpan extends DeferredSpan {
    private final SpanContext parent;
    private final long high;
    private final long low;
    private final long id;
    private final AtomicInteger recordings;

    TestSpan(Tracer tracer, SpanContext parent, long high, long low, long id, AtomicInteger recordings) {
      super(tracer);
      this.parent = parent;
      this.high = high;
      this.low = low;
      this.id = id;
      this.recordings = recordings;
    }

    @Override
    protected String spanName() {
      return "name";
    }

    @Override
    protected SpanKind spanKind() {
      return SpanKind.CLIENT;
    }

    @Override
    protected SpanContext parentContext() {
      return parent;
    }

    @Override
    protected long rootTraceIdHigh() {
      return high;
    }

    @Override
    protected long rootTraceIdLow() {
      return low;
    }

    @Override
    protected long spanIdValue() {
      return id;
    }

    @Override
    protected long startNanos() {
      return T0;
    }

    @Override
    protected long endNanos() {
      return T0 + 5;
    }

    @Override
    protected void record(Span span) {
      recordings.incrementAndGet();
      span.setAttribute("a", "abcdefgh");
      span.setAttribute("b", 2L);
      span.setAttribute("c", true);
      span.addEvent("e", Attributes.empty(), T0 + 1, java.util.concurrent.TimeUnit.NANOSECONDS);
      span.setStatus(StatusCode.ERROR, "fail");
    }
  }
}

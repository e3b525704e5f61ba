package dev.tracekit.compat.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Spans in try-with-resources are current for the block, unreferenced on purpose.
@SuppressWarnings("try")
class SdkSpanBuilderTest {
  private static final String TRACE_ID = "5f3c1a2b0123456789abcdef01234567";
  private static final String SPAN_ID = "0123456789abcdef";

  private final CollectingSpanProcessor processor = new CollectingSpanProcessor();
  private final Tracer tracer = Tracer.builder().setSpanProcessor(processor).build();

  @AfterEach
  void noSpanIsLeftCurrent() {
    assertThat(Span.current()).isSameAs(Span.invalid());
  }

  // --- ids ---

  @Test
  void explicitIdsOfARootArePreserved() {
    Span span = tracer.spanBuilder("s").setTraceId(TRACE_ID).setSpanId(SPAN_ID).startDetached();

    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getSpanContext().getSpanId()).isEqualTo(SPAN_ID);
  }

  @Test
  void explicitIdsMayBeUpperCase() {
    Span span =
        tracer
            .spanBuilder("s")
            .setTraceId(TRACE_ID.toUpperCase())
            .setSpanId(SPAN_ID.toUpperCase())
            .startDetached();

    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getSpanContext().getSpanId()).isEqualTo(SPAN_ID);
  }

  @Test
  void theParentsTraceIdWinsOverAnExplicitOne() {
    SpanContext parent = SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, true);

    Span span =
        tracer
            .spanBuilder("s")
            .setParent(parent)
            .setTraceId("11111111111111111111111111111111")
            .startDetached();

    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void malformedOrZeroExplicitIdsAreReplacedByGeneratedOnes() {
    Span malformed =
        tracer.spanBuilder("s").setTraceId("not-hex").setSpanId("xyz").startDetached();
    Span zero =
        tracer
            .spanBuilder("s")
            .setTraceId("00000000000000000000000000000000")
            .setSpanId("0000000000000000")
            .startDetached();

    for (Span span : new Span[] {malformed, zero}) {
      assertThat(span.getSpanContext().isValid()).isTrue();
      assertThat(span.getSpanContext().getSpanIdAsLong()).isNotZero();
      assertThat(span.getSpanContext().getTraceIdHigh() >>> 32).isNotZero();
    }
  }

  // --- timestamps ---

  @Test
  void explicitStartTimestampIsPreserved() {
    Span span =
        tracer.spanBuilder("s").setStartTimestamp(1_700_000_000_123L, TimeUnit.MILLISECONDS).startDetached();
    span.end(1_700_000_001_000L, TimeUnit.MILLISECONDS);

    SpanData data = processor.onlySpan();
    assertThat(data.getStartEpochNanos()).isEqualTo(1_700_000_000_123_000_000L);
    assertThat(data.getEndEpochNanos()).isEqualTo(1_700_000_001_000_000_000L);
  }

  @Test
  void negativeStartTimestampIsIgnored() {
    long before = System.currentTimeMillis();
    Span span = tracer.spanBuilder("s").setStartTimestamp(-1, TimeUnit.SECONDS).startDetached();
    span.end();

    assertThat(processor.onlySpan().getStartEpochNanos())
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(before - 1));
  }

  @Test
  void startAndEndFollowTheWallClock() {
    long before = System.currentTimeMillis();
    Span span = tracer.spanBuilder("s").startDetached();
    span.end();
    long after = System.currentTimeMillis();

    SpanData data = processor.onlySpan();
    // Millisecond-resolution wall clock around a nanosecond one: allow the rounding.
    assertThat(data.getStartEpochNanos())
        .isBetween(TimeUnit.MILLISECONDS.toNanos(before - 1), TimeUnit.MILLISECONDS.toNanos(after + 1));
    assertThat(data.getEndEpochNanos()).isGreaterThanOrEqualTo(data.getStartEpochNanos());
  }

  @Test
  void childrenStartAfterTheirParentAndDurationsAreNonNegative() {
    for (int i = 0; i < 1000; i++) {
      try (Span parent = tracer.spanBuilder("parent").setNoParent().start()) {
        try (Span child = tracer.startSpan("child")) {
          tracer.startSpan("grandchild").close();
        }
      }
    }

    List<SpanData> spans = processor.spans();
    assertThat(spans).hasSize(3000);
    for (int i = 0; i < spans.size(); i += 3) {
      SpanData grandchild = spans.get(i);
      SpanData child = spans.get(i + 1);
      SpanData parent = spans.get(i + 2);
      assertThat(child.getStartEpochNanos()).isGreaterThanOrEqualTo(parent.getStartEpochNanos());
      assertThat(grandchild.getStartEpochNanos()).isGreaterThanOrEqualTo(child.getStartEpochNanos());
      assertThat(grandchild.getEndEpochNanos()).isLessThanOrEqualTo(child.getEndEpochNanos());
      assertThat(child.getEndEpochNanos()).isLessThanOrEqualTo(parent.getEndEpochNanos());
      for (SpanData span : new SpanData[] {parent, child, grandchild}) {
        assertThat(span.getEndEpochNanos()).isGreaterThanOrEqualTo(span.getStartEpochNanos());
      }
    }
  }

  // --- sampling override ---

  @Test
  void setSampledTrueRecordsDespiteASamplerThatSaysNo() {
    CollectingSpanProcessor collecting = new CollectingSpanProcessor();
    Tracer off = Tracer.builder().setSampler(Sampler.alwaysOff()).setSpanProcessor(collecting).build();

    Span span = off.spanBuilder("forced").setSampled(true).startDetached();
    span.end();

    assertThat(span.getSpanContext().isSampled()).isTrue();
    assertThat(collecting.onlySpan().getName()).isEqualTo("forced");
  }

  @Test
  void setSampledFalseDropsDespiteASamplerThatSaysYes() {
    Span span = tracer.spanBuilder("refused").setSampled(false).startDetached();
    span.setAttribute("k", "v");
    span.end();

    assertThat(span.isRecording()).isFalse();
    assertThat(span.getSpanContext().isSampled()).isFalse();
    assertThat(processor.spans()).isEmpty();
    assertThat(tracer.getStats().getSpansUnsampled()).isEqualTo(1);
  }

  @Test
  void setSampledOverridesASampledParent() {
    Span parent = tracer.spanBuilder("parent").startDetached();

    Span child = tracer.spanBuilder("child").setParent(parent).setSampled(false).startDetached();

    assertThat(child.isRecording()).isFalse();
    assertThat(child.getSpanContext().getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
  }

  // --- parents ---

  @Test
  void defaultParentIsTheCurrentSpan() {
    try (Span parent = tracer.spanBuilder("parent").start()) {
      tracer.spanBuilder("child").startDetached().end();

      SpanData child = processor.onlySpan();
      assertThat(child.getParentSpanContext()).isEqualTo(parent.getSpanContext());
      assertThat(child.getSpanContext().getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    }
  }

  @Test
  void explicitParentWinsOverTheCurrentSpan() {
    Span explicit = tracer.spanBuilder("explicit").setNoParent().startDetached();
    try (Span current = tracer.spanBuilder("current").setNoParent().start()) {
      tracer.spanBuilder("child").setParent(explicit).startDetached().end();
    }

    SpanData child = processor.spans().get(0);
    assertThat(child.getName()).isEqualTo("child");
    assertThat(child.getParentSpanContext()).isEqualTo(explicit.getSpanContext());
  }

  @Test
  void explicitRemoteParentContextIsKept() {
    SpanContext remote = SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, true);

    tracer.spanBuilder("server").setSpanKind(SpanKind.SERVER).setParent(remote).startDetached().end();

    SpanData span = processor.onlySpan();
    assertThat(span.getParentSpanContext()).isEqualTo(remote);
    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getSpanContext().isRemote()).isFalse();
    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
  }

  @Test
  void noParentStartsANewTraceDespiteTheCurrentSpan() {
    try (Span current = tracer.spanBuilder("current").start()) {
      tracer.spanBuilder("root").setNoParent().startDetached().end();

      SpanData root = processor.onlySpan();
      assertThat(root.getParentSpanContext().isValid()).isFalse();
      assertThat(root.getSpanContext().getTraceId())
          .isNotEqualTo(current.getSpanContext().getTraceId());
    }
  }

  @Test
  void invalidParentContextMakesARoot() {
    tracer.spanBuilder("root").setParent(SpanContext.invalid()).startDetached().end();

    assertThat(processor.onlySpan().getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void theLastParentSettingWins() {
    Span parent = tracer.spanBuilder("parent").startDetached();

    Span rooted = tracer.spanBuilder("a").setParent(parent).setNoParent().startDetached();
    Span parented = tracer.spanBuilder("b").setNoParent().setParent(parent).startDetached();

    assertThat(rooted.getSpanContext().getTraceId()).isNotEqualTo(parent.getSpanContext().getTraceId());
    assertThat(parented.getSpanContext().getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
  }

  // --- the rest ---

  @Test
  void kindDefaultsToInternal() {
    tracer.spanBuilder("s").setSpanKind(null).startDetached().end();

    assertThat(processor.onlySpan().getKind()).isEqualTo(SpanKind.INTERNAL);
  }

  @Test
  void builderAttributesAreKept() {
    tracer
        .spanBuilder("s")
        .setAttribute("s", "v")
        .setAttribute("l", 1L)
        .setAttribute("d", 0.5)
        .setAttribute("b", true)
        .setAttribute(AttributeKey.longArrayKey("la"), java.util.Arrays.asList(1L, 2L))
        .setAttribute((String) null, "ignored")
        .setAttribute("null", (String) null)
        .startDetached()
        .end();

    SpanData span = processor.onlySpan();
    assertThat(span.getAttributes().size()).isEqualTo(5);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("s"))).isEqualTo("v");
    assertThat(span.getAttributes().get(AttributeKey.longKey("l"))).isEqualTo(1L);
    assertThat(span.getAttributes().get(AttributeKey.doubleKey("d"))).isEqualTo(0.5);
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("b"))).isTrue();
  }

  @Test
  void nullNameBecomesEmpty() {
    tracer.spanBuilder(null).startDetached().end();

    assertThat(processor.onlySpan().getName()).isEmpty();
  }

  @Test
  void startMakesTheSpanCurrentAndStartDetachedDoesNot() {
    Span detached = tracer.spanBuilder("detached").startDetached();
    assertThat(Span.current()).isSameAs(Span.invalid());

    try (Span started = tracer.spanBuilder("started").start()) {
      assertThat(Span.current()).isSameAs(started);
    }
    detached.end();
  }

  @Test
  void withoutAProcessorSpansCarryContextButRecordNothing() {
    Tracer bare = Tracer.builder().build();

    Span span = bare.spanBuilder("s").startDetached();

    assertThat(span.isRecording()).isFalse();
    assertThat(span.getSpanContext().isValid()).isTrue();
    assertThat(bare.isRecordingEnabled()).isFalse();
  }

  @Test
  void startedCountsRecordingSpans() {
    tracer.spanBuilder("a").startDetached().end();
    tracer.spanBuilder("b").startDetached();
    tracer.spanBuilder("c").setSampled(false).startDetached().end();

    assertThat(tracer.getStats().getSpansStarted()).isEqualTo(2);
    assertThat(tracer.getStats().getSpansEnded()).isEqualTo(1);
    assertThat(tracer.getStats().getSpansUnsampled()).isEqualTo(1);
  }
}

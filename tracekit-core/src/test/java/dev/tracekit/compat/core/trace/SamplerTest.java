package dev.tracekit.compat.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplerTest {
  private static final String TRACE_ID = "5f3c1a2b0123456789abcdef01234567";
  private static final String SPAN_ID = "0123456789abcdef";
  private static final long HIGH = 0x5f3c1a2b01234567L;
  private static final int SAMPLES = 100_000;

  // --- ratio ---

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.1, 0.25, 0.5, 0.9, 0.99})
  void ratioSamplerKeepsTheRatioOfRandomTraceIds(double ratio) {
    Sampler sampler = Sampler.traceIdRatioBased(ratio);
    SplittableRandom random = new SplittableRandom(ratio > 0.5 ? 7 : 42);

    int sampled = 0;
    for (int i = 0; i < SAMPLES; i++) {
      if (sampler.shouldSample(
          SpanContext.invalid(), HIGH, random.nextLong(), "span", SpanKind.INTERNAL)) {
        sampled++;
      }
    }

    // One percentage point is more than 7 standard deviations at 100k ids.
    assertThat((double) sampled / SAMPLES).isCloseTo(ratio, within(0.01));
  }

  @Test
  void ratioSamplerDecidesAlikeForTheSameTraceId() {
    SplittableRandom random = new SplittableRandom(1);
    Sampler first = Sampler.traceIdRatioBased(0.25);
    Sampler second = Sampler.traceIdRatioBased(0.25);

    for (int i = 0; i < 10_000; i++) {
      long low = random.nextLong();
      boolean decision = first.shouldSample(SpanContext.invalid(), HIGH, low, "a", SpanKind.SERVER);
      assertThat(first.shouldSample(SpanContext.invalid(), HIGH, low, "a", SpanKind.SERVER))
          .isEqualTo(decision);
      // Same id elsewhere (another service, name, kind or timestamp half) decides the same.
      assertThat(second.shouldSample(SpanContext.invalid(), ~HIGH, low, "b", SpanKind.CLIENT))
          .isEqualTo(decision);
    }
  }

  @Test
  void idsSampledAtALowerRatioAreSampledAtEveryHigherRatio() {
    SplittableRandom random = new SplittableRandom(3);
    Sampler low = Sampler.traceIdRatioBased(0.1);
    Sampler high = Sampler.traceIdRatioBased(0.6);

    for (int i = 0; i < 10_000; i++) {
      long id = random.nextLong();
      if (low.shouldSample(SpanContext.invalid(), HIGH, id, "s", SpanKind.INTERNAL)) {
        assertThat(high.shouldSample(SpanContext.invalid(), HIGH, id, "s", SpanKind.INTERNAL))
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE})
  void ratioZeroSamplesNothing(long traceIdLow) {
    Sampler sampler = Sampler.traceIdRatioBased(0.0);

    assertThat(sampler.shouldSample(SpanContext.invalid(), HIGH, traceIdLow, "s", SpanKind.INTERNAL))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE})
  void ratioOneSamplesEverything(long traceIdLow) {
    Sampler sampler = Sampler.traceIdRatioBased(1.0);

    assertThat(sampler.shouldSample(SpanContext.invalid(), HIGH, traceIdLow, "s", SpanKind.INTERNAL))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        -0.01, 1.01, -1, 2, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
      })
  void ratioOutsideZeroToOneIsRefused(double ratio) {
    assertThatThrownBy(() -> Sampler.traceIdRatioBased(ratio))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratio");
  }

  @Test
  void descriptionsNameTheSamplerAndItsRatio() {
    assertThat(Sampler.traceIdRatioBased(0.25).getDescription()).isEqualTo("TraceIdRatioBased{0.25}");
    assertThat(Sampler.parentBased(Sampler.alwaysOff()).getDescription())
        .isEqualTo("ParentBased{root:AlwaysOffSampler}");
    assertThat(Sampler.alwaysOn().getDescription()).isEqualTo("AlwaysOnSampler");
  }

  // --- parent-based ---

  @Test
  void parentBasedFollowsASampledLocalParent() {
    Sampler sampler = Sampler.parentBased(Sampler.alwaysOff());
    SpanContext parent = SpanContext.create(TRACE_ID, SPAN_ID, true);

    assertThat(decide(sampler, parent)).isTrue();
  }

  @Test
  void parentBasedFollowsAnUnsampledLocalParent() {
    Sampler sampler = Sampler.parentBased(Sampler.alwaysOn());
    SpanContext parent = SpanContext.create(TRACE_ID, SPAN_ID, false);

    assertThat(decide(sampler, parent)).isFalse();
  }

  @Test
  void parentBasedFollowsASampledRemoteParent() {
    Sampler sampler = Sampler.parentBased(Sampler.alwaysOff());
    SpanContext parent = SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, true);

    assertThat(decide(sampler, parent)).isTrue();
  }

  @Test
  void parentBasedFollowsAnUnsampledRemoteParent() {
    Sampler sampler = Sampler.parentBased(Sampler.alwaysOn());
    SpanContext parent = SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, false);

    assertThat(decide(sampler, parent)).isFalse();
  }

  @Test
  void parentBasedAsksTheRootSamplerWhenTheRemoteParentDeferred() {
    SpanContext parent = SpanContext.createFromRemoteParentWithoutDecision(TRACE_ID, SPAN_ID);

    assertThat(decide(Sampler.parentBased(Sampler.alwaysOn()), parent)).isTrue();
    assertThat(decide(Sampler.parentBased(Sampler.alwaysOff()), parent)).isFalse();
  }

  @Test
  void parentBasedAsksTheRootSamplerForARoot() {
    assertThat(decide(Sampler.parentBased(Sampler.alwaysOn()), SpanContext.invalid())).isTrue();
    assertThat(decide(Sampler.parentBased(Sampler.alwaysOff()), SpanContext.invalid())).isFalse();
  }

  @Test
  void parentBasedRootSeesTheTraceIdOfADeferredParent() {
    Sampler ratio = Sampler.traceIdRatioBased(0.5);
    Sampler sampler = Sampler.parentBased(ratio);
    SplittableRandom random = new SplittableRandom(11);

    for (int i = 0; i < 1000; i++) {
      String traceId = String.format("%016x%016x", HIGH, random.nextLong());
      SpanContext parent = SpanContext.createFromRemoteParentWithoutDecision(traceId, SPAN_ID);
      assertThat(decide(sampler, parent)).isEqualTo(decide(ratio, parent));
    }
  }

  // --- through a tracer ---

  @Test
  void childrenOfAnUnsampledSpanAreUnsampledAndNeverReachTheProcessor() {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer =
        Tracer.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .setSpanProcessor(processor)
            .build();

    try (Span root = tracer.spanBuilder("root").setNoParent().setSampled(false).start()) {
      try (Span child = tracer.startSpan("child")) {
        try (Span grandchild = tracer.startSpan("grandchild")) {
          grandchild.setAttribute("k", "v");
          assertThat(grandchild.isRecording()).isFalse();
          assertThat(grandchild.getSpanContext().isSampled()).isFalse();
          assertThat(grandchild.getSpanContext().isValid()).isTrue();
          assertThat(grandchild.getSpanContext().getTraceId())
              .isEqualTo(root.getSpanContext().getTraceId());
        }
        assertThat(child.isRecording()).isFalse();
        assertThat(child.getSpanContext().isSampled()).isFalse();
      }
      assertThat(root.isRecording()).isFalse();
    }

    assertThat(processor.spans()).isEmpty();
    PipelineStats stats = tracer.getStats();
    assertThat(stats.getSpansUnsampled()).isEqualTo(3);
    assertThat(stats.getSpansStarted()).isZero();
    assertThat(stats.getSpansEnded()).isZero();
  }

  @Test
  void spansTheSamplerRefusesAreCountedAsUnsampled() {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer =
        Tracer.builder().setSampler(Sampler.alwaysOff()).setSpanProcessor(processor).build();

    for (int i = 0; i < 5; i++) {
      tracer.spanBuilder("s" + i).startDetached().end();
    }

    assertThat(processor.spans()).isEmpty();
    assertThat(tracer.getStats().getSpansUnsampled()).isEqualTo(5);
    assertThat(tracer.getStats().getSpansEnded()).isZero();
  }

  @Test
  void childrenOfASampledRemoteParentAreSampledDespiteAnOffRoot() {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer =
        Tracer.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOff()))
            .setSpanProcessor(processor)
            .build();
    SpanContext remote = SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, true);

    tracer.spanBuilder("server").setParent(remote).startDetached().end();

    SpanData span = processor.onlySpan();
    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanContext()).isEqualTo(remote);
    assertThat(span.getSpanContext().isSampled()).isTrue();
  }

  @Test
  void deferredRemoteParentIsDecidedHereAndKeepsItsTraceId() {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer =
        Tracer.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .setSpanProcessor(processor)
            .build();
    SpanContext remote = SpanContext.createFromRemoteParentWithoutDecision(TRACE_ID, SPAN_ID);

    tracer.spanBuilder("server").setParent(remote).startDetached().end();

    SpanData span = processor.onlySpan();
    assertThat(span.getSpanContext().isSampled()).isTrue();
    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanContext().getSpanId()).isEqualTo(SPAN_ID);
  }

  private static boolean decide(Sampler sampler, SpanContext parent) {
    return sampler.shouldSample(
        parent, parent.getTraceIdHigh(), parent.getTraceIdLow(), "span", SpanKind.INTERNAL);
  }
}

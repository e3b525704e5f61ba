package dev.tracekit.compat.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.trace.Tracer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpanContextTest {
  private static final String TRACE_ID = "5f3c1a2b0123456789abcdef01234567";
  private static final String SPAN_ID = "0123456789abcdef";

  @Test
  void hexIdsRoundTrip() {
    SpanContext context = SpanContext.create(TRACE_ID, SPAN_ID, true);

    assertThat(context.isValid()).isTrue();
    assertThat(context.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(context.getSpanId()).isEqualTo(SPAN_ID);
    assertThat(context.getTraceIdHigh()).isEqualTo(0x5f3c1a2b01234567L);
    assertThat(context.getTraceIdLow()).isEqualTo(0x89abcdef01234567L);
    assertThat(context.getSpanIdAsLong()).isEqualTo(0x0123456789abcdefL);
    assertThat(context.isSampled()).isTrue();
    assertThat(context.isRemote()).isFalse();
    assertThat(context.isSamplingDeferred()).isFalse();
  }

  @Test
  void upperCaseHexIsReadAndWrittenInLowerCase() {
    SpanContext context =
        SpanContext.create(TRACE_ID.toUpperCase(), SPAN_ID.toUpperCase(), false);

    assertThat(context.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(context.getSpanId()).isEqualTo(SPAN_ID);
  }

  @Test
  void numericIdsRoundTripThroughHex() {
    SpanContext numeric = SpanContext.fromIds(-1L, 1L, Long.MIN_VALUE, true, false);

    assertThat(numeric.getTraceId()).isEqualTo("ffffffffffffffff0000000000000001");
    assertThat(numeric.getSpanId()).isEqualTo("8000000000000000");
    assertThat(SpanContext.create(numeric.getTraceId(), numeric.getSpanId(), true))
        .isEqualTo(numeric);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "5f3c1a2b0123456789abcdef0123456", // 31 digits
        "5f3c1a2b0123456789abcdef012345678", // 33 digits
        "5f3c1a2b0123456789abcdef0123456g",
        "5f3c1a2b-0123-4567-89ab-cdef01234567",
        " 5f3c1a2b0123456789abcdef0123456",
        "00000000000000000000000000000000"
      })
  void malformedTraceIdGivesTheInvalidContext(String traceId) {
    assertThat(SpanContext.create(traceId, SPAN_ID, true)).isSameAs(SpanContext.invalid());
    assertThat(SpanContext.createFromRemoteParent(traceId, SPAN_ID, true))
        .isSameAs(SpanContext.invalid());
    assertThat(SpanContext.createFromRemoteParentWithoutDecision(traceId, SPAN_ID))
        .isSameAs(SpanContext.invalid());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {"", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeX", "0000000000000000"})
  void malformedSpanIdGivesTheInvalidContext(String spanId) {
    assertThat(SpanContext.create(TRACE_ID, spanId, true)).isSameAs(SpanContext.invalid());
    assertThat(SpanContext.createFromRemoteParent(TRACE_ID, spanId, false))
        .isSameAs(SpanContext.invalid());
    assertThat(SpanContext.createFromRemoteParentWithoutDecision(TRACE_ID, spanId))
        .isSameAs(SpanContext.invalid());
  }

  @Test
  void zeroNumericIdsGiveTheInvalidContext() {
    assertThat(SpanContext.fromIds(0, 0, 1, true, false)).isSameAs(SpanContext.invalid());
    assertThat(SpanContext.fromIds(1, 2, 0, true, false)).isSameAs(SpanContext.invalid());
    assertThat(SpanContext.fromIds(0, 2, 3, true, false).isValid()).isTrue();
  }

  @Test
  void invalidContextHasZeroIdsAndIsNotSampled() {
    SpanContext invalid = SpanContext.invalid();

    assertThat(invalid.isValid()).isFalse();
    assertThat(invalid.isSampled()).isFalse();
    assertThat(invalid.getTraceId()).isEqualTo("00000000000000000000000000000000");
    assertThat(invalid.getSpanId()).isEqualTo("0000000000000000");
  }

  @Test
  void remoteContextsAreMarkedRemote() {
    SpanContext remote = SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, false);

    assertThat(remote.isRemote()).isTrue();
    assertThat(remote.isSampled()).isFalse();
    assertThat(remote.isSamplingDeferred()).isFalse();
    assertThat(remote).isNotEqualTo(SpanContext.create(TRACE_ID, SPAN_ID, false));
  }

  @Test
  void deferredContextIsRemoteUnsampledAndDeferred() {
    SpanContext deferred = SpanContext.createFromRemoteParentWithoutDecision(TRACE_ID, SPAN_ID);

    assertThat(deferred.isValid()).isTrue();
    assertThat(deferred.isRemote()).isTrue();
    assertThat(deferred.isSampled()).isFalse();
    assertThat(deferred.isSamplingDeferred()).isTrue();
    assertThat(deferred).isNotEqualTo(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, false));
    assertThat(deferred.toString()).contains("sampled=?");
  }

  @Test
  void equalContextsHaveEqualHashCodes() {
    SpanContext a = SpanContext.create(TRACE_ID, SPAN_ID, true);
    SpanContext b = SpanContext.create(TRACE_ID.toUpperCase(), SPAN_ID, true);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(SpanContext.create(TRACE_ID, SPAN_ID, false));
    assertThat(a).isNotEqualTo(SpanContext.create(TRACE_ID, "0123456789abcdee", true));
  }

  // --- generated ids ---

  @Test
  void generatedTraceIdsStartWithTheEpochSecondsOfTheirCreation() {
    Tracer tracer = Tracer.builder().build();

    for (int i = 0; i < 100; i++) {
      long before = System.currentTimeMillis() / 1000;
      Span span = tracer.spanBuilder("root").setNoParent().startDetached();
      long after = System.currentTimeMillis() / 1000;

      long seconds = Long.parseLong(span.getSpanContext().getTraceId().substring(0, 8), 16);
      assertThat(seconds).isBetween(before, after);
    }
  }

  @Test
  void generatedIdsAreValidAndDistinct() {
    Tracer tracer = Tracer.builder().build();
    Set<String> traceIds = new HashSet<>();
    Set<String> spanIds = new HashSet<>();

    for (int i = 0; i < 10_000; i++) {
      SpanContext context = tracer.spanBuilder("root").setNoParent().startDetached().getSpanContext();
      assertThat(context.isValid()).isTrue();
      assertThat(context.getSpanIdAsLong()).isNotZero();
      traceIds.add(context.getTraceId());
      spanIds.add(context.getSpanId());
    }

    assertThat(traceIds).hasSize(10_000);
    assertThat(spanIds).hasSize(10_000);
  }

  @Test
  void generatedTraceIdsHaveAnXrayFormThatRoundTrips() {
    Tracer tracer = Tracer.builder().build();
    String traceId = tracer.spanBuilder("root").setNoParent().startDetached().getSpanContext().getTraceId();

    String xray = "1-" + traceId.substring(0, 8) + "-" + traceId.substring(8);
    assertThat(xray).matches("1-[0-9a-f]{8}-[0-9a-f]{24}");

    String[] parts = xray.split("-");
    SpanContext parsed = SpanContext.createFromRemoteParent(parts[1] + parts[2], SPAN_ID, true);
    assertThat(parsed.isValid()).isTrue();
    assertThat(parsed.getTraceId()).isEqualTo(traceId);
  }
}

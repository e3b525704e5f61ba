package dev.tracekit.compat.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.SpanContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class W3CTraceparentTest {
  private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";
  private static final String SPAN_ID = "53995c3f42cd8ad8";

  @Test
  void formatsSampledAndUnsampledContexts() {
    assertThat(W3CTraceparent.format(SpanContext.create(TRACE_ID, SPAN_ID, true)))
        .isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
    assertThat(W3CTraceparent.format(SpanContext.create(TRACE_ID, SPAN_ID, false)))
        .isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00");
  }

  @Test
  void formatsDeferredDecisionAsNotSampled() {
    SpanContext deferred = SpanContext.createFromRemoteParentWithoutDecision(TRACE_ID, SPAN_ID);

    assertThat(W3CTraceparent.format(deferred)).endsWith("-00");
  }

  @Test
  void invalidContextHasNoHeader() {
    assertThat(W3CTraceparent.format(SpanContext.invalid())).isNull();
  }

  @Test
  void roundTripsThroughFormatAndParse() {
    for (boolean sampled : new boolean[] {true, false}) {
      SpanContext local = SpanContext.create(TRACE_ID, SPAN_ID, sampled);

      SpanContext parsed = W3CTraceparent.parse(W3CTraceparent.format(local));

      assertThat(parsed).isEqualTo(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, sampled));
      assertThat(parsed.isRemote()).isTrue();
      assertThat(parsed.isSampled()).isEqualTo(sampled);
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("acceptedHeaders")
  void parsesAcceptedHeaders(String header, boolean sampled) {
    assertThat(W3CTraceparent.parse(header))
        .isEqualTo(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, sampled));
  }

  static Stream<Arguments> acceptedHeaders() {
    String ids = "-" + TRACE_ID + "-" + SPAN_ID + "-";
    return Stream.of(
        Arguments.of("00" + ids + "01", true),
        Arguments.of("00" + ids + "00", false),
        // Only bit 0 is the sampled flag; other bits are ignored.
        Arguments.of("00" + ids + "03", true),
        Arguments.of("00" + ids + "02", false),
        Arguments.of("00" + ids + "ff", true),
        // Future versions: 55 characters, or more after a '-'.
        Arguments.of("01" + ids + "01", true),
        Arguments.of("cc" + ids + "01-what-the-future-brings", true),
        Arguments.of("fe" + ids + "00-", false));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("rejectedHeaders")
  void rejectsMalformedHeaders(String header) {
    assertThat(W3CTraceparent.parse(header)).isSameAs(SpanContext.invalid());
  }

  static Stream<String> rejectedHeaders() {
    String ids = "-" + TRACE_ID + "-" + SPAN_ID + "-";
    return Stream.of(
        "",
        "garbage",
        "00",
        "00-" + TRACE_ID + "-" + SPAN_ID,
        // Version 00 is exactly 55 characters.
        "00" + ids + "01-",
        "00" + ids + "01-extra",
        "00" + ids + "01 ",
        " 00" + ids + "01",
        "00" + ids + "1",
        // A future version may only continue after a '-'.
        "01" + ids + "01extra",
        // Version ff is forbidden; versions are lowercase hex.
        "ff" + ids + "01",
        "FE" + ids + "01",
        "0x" + ids + "01",
        // Uppercase hex anywhere.
        "00-" + TRACE_ID.toUpperCase(java.util.Locale.ROOT) + "-" + SPAN_ID + "-01",
        "00-" + TRACE_ID + "-" + SPAN_ID.toUpperCase(java.util.Locale.ROOT) + "-01",
        "00" + ids + "0A",
        // Bad hex, bad separators, bad lengths.
        "00-5759e988bd862e3fe1be46a99427279g-" + SPAN_ID + "-01",
        "00-" + TRACE_ID + "-53995c3f42cd8adz-01",
        "00_" + TRACE_ID + "-" + SPAN_ID + "-01",
        "00-" + TRACE_ID + "_" + SPAN_ID + "-01",
        "00-" + TRACE_ID + "-" + SPAN_ID + "_01",
        "00-" + TRACE_ID + "0-" + SPAN_ID + "-1",
        "00-" + TRACE_ID.substring(1) + "-" + SPAN_ID + "0-01",
        // All-zero ids.
        "00-00000000000000000000000000000000-" + SPAN_ID + "-01",
        "00-" + TRACE_ID + "-0000000000000000-01");
  }

  @Test
  void nullIsInvalid() {
    assertThat(W3CTraceparent.parse(null)).isSameAs(SpanContext.invalid());
  }
}

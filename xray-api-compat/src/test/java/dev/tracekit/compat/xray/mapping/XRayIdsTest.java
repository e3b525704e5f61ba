package dev.tracekit.compat.xray.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.internal.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The id and time rows of {@code docs/mapping.md} "Span fields" that {@link XRayIds} decides for
 * both span sources: an X-Ray trace id is the 128-bit trace id of its hex digits (lossless), any
 * other text is no trace id; an entity id of 16 hex digits is the span id and anything else is 0
 * (which the span sources turn into a new random id); X-Ray's epoch-second doubles become epoch
 * nanoseconds rounded to the microsecond.
 */
class XRayIdsTest {
  private static final String TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";

  @Test
  void aTraceIdLosesItsVersionAndDashesAndKeepsItsDigitsInOrder() {
    assertThat(XRayIds.isTraceId(TRACE_ID)).isTrue();
    long high = XRayIds.traceIdHigh(TRACE_ID);
    long low = XRayIds.traceIdLow(TRACE_ID);

    assertThat(high).isEqualTo(0x5759e988bd862e3fL);
    assertThat(low).isEqualTo(0xe1be46a994272793L);
    String otlp = Hex.fromLongs(high, low);
    assertThat(otlp).isEqualTo("5759e988bd862e3fe1be46a994272793");
    // Lossless both ways: the X-Ray id is rebuilt from the OTLP one.
    assertThat("1-" + otlp.substring(0, 8) + "-" + otlp.substring(8)).isEqualTo(TRACE_ID);
  }

  @Test
  void anAllZeroTraceIdIsATraceIdWhoseBitsAreAllZero() {
    // X-Ray accepts it from a header; the span sources then take the segment's span id as the low
    // 64 bits, since an all-zero trace id is invalid in OTLP.
    String zero = "1-00000000-000000000000000000000000";

    assertThat(XRayIds.isTraceId(zero)).isTrue();
    assertThat(XRayIds.traceIdHigh(zero)).isZero();
    assertThat(XRayIds.traceIdLow(zero)).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1-5759e988-bd862e3fe1be46a99427279", // 23 random digits
        "1-5759e988-bd862e3fe1be46a9942727930", // 25 random digits
        "1-5759e98-bd862e3fe1be46a9942727930", // 7 epoch digits
        "2-5759e988-bd862e3fe1be46a994272793", // version 2
        "0-5759e988-bd862e3fe1be46a994272793", // version 0
        "1-5759e988-bd862e3fe1be46a99427279g", // not hex
        "1-5759e98z-bd862e3fe1be46a994272793", // not hex in the epoch
        "1-5759e988-bd862e3fe1be46a99427279\u0661", // Arabic-Indic digit one
        "1-5759e988-bd862e3fe1be46a99427279\uff11", // fullwidth digit one
        "1-\u0665759e988-bd862e3fe1be46a994272793", // Arabic-Indic digit five in the epoch
        "1-5759e988-bd862e3fe1be46a99427279 ", // space
        "15759e988bd862e3fe1be46a994272793", // no dashes
        "1-5759e988bd862e3fe1be46a994272793", // second dash missing
        "1_5759e988_bd862e3fe1be46a994272793", // other separators
        "1-5759e988-bd862e3f-e1be46a994272793", // an extra dash
        "5759e988bd862e3fe1be46a994272793", // already an OTLP trace id
        "Root=1-5759e988-bd862e3fe1be46a994272793" // a whole header field
      })
  void anythingElseIsNoTraceId(String id) {
    assertThat(XRayIds.isTraceId(id)).as("'%s'", id).isFalse();
  }

  @Test
  void nullIsNoTraceId() {
    assertThat(XRayIds.isTraceId(null)).isFalse();
  }

  @Test
  void anIdOf16HexDigitsIsTheSpanIdWrittenLowercase() {
    assertThat(XRayIds.spanId("53995c3f42cd8ad8")).isEqualTo(0x53995c3f42cd8ad8L);
    assertThat(XRayIds.spanId("ffffffffffffffff")).isEqualTo(-1L);
    long upper = XRayIds.spanId("53995C3F42CD8AD8");

    assertThat(upper).isEqualTo(0x53995c3f42cd8ad8L);
    assertThat(Hex.fromLong(upper)).isEqualTo("53995c3f42cd8ad8");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x",
        "",
        "53995c3f42cd8ad", // 15 digits
        "53995c3f42cd8ad80", // 17 digits
        "53995c3f42cd8adg", // not hex
        "53995c3f42cd8ad\u0661", // Arabic-Indic digit one
        " 53995c3f42cd8ad8",
        "0x53995c3f42cd8a",
        "0000000000000000" // 16 digits, but no valid span id: a new one as well
      })
  void anyOtherIdGivesZeroForANewRandomSpanId(String id) {
    assertThat(XRayIds.spanId(id)).as("'%s'", id).isZero();
  }

  @Test
  void noIdGivesZeroForANewRandomSpanId() {
    assertThat(XRayIds.spanId(null)).isZero();
  }

  @Test
  void epochSecondsOfTheXRayDocumentAreExactToTheMillisecond() {
    assertThat(XRayIds.secondsToNanos(1478293361.271)).isEqualTo(1_478_293_361_271_000_000L);
    assertThat(XRayIds.secondsToNanos(1700000000.0)).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(XRayIds.secondsToNanos(0.0)).isZero();
  }

  @Test
  void epochSecondsAreRoundedToTheNearestMicrosecond() {
    assertThat(XRayIds.secondsToNanos(1700000000.123456)).isEqualTo(1_700_000_000_123_456_000L);
    // 1700000000.1234567 is held as 1700000000.12345671653…: up to ...457 µs.
    assertThat(XRayIds.secondsToNanos(1700000000.1234567)).isEqualTo(1_700_000_000_123_457_000L);
    // Held as 1700000000.99999952316…: up to the next second.
    assertThat(XRayIds.secondsToNanos(1700000000.9999995)).isEqualTo(1_700_000_001_000_000_000L);
  }

  @Test
  void epochSecondsBelowHalfAMicrosecondAreRoundedDown() {
    // 1700000000.0000004 is held as 1700000000.000000476837…: 0.48 µs past the second, so the
    // nearest microsecond is the second itself.
    assertThat(XRayIds.secondsToNanos(1700000000.0000004)).isEqualTo(1_700_000_000_000_000_000L);
  }
}

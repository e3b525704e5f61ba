package dev.tracekit.compat.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.propagation.AwsTraceHeader.SamplingDecision;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AwsTraceHeaderTest {
  private static final String AWS_TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";
  private static final String SPAN_ID = "53995c3f42cd8ad8";
  private static final String ROOT = "Root=" + AWS_TRACE_ID;
  private static final String PARENT = "Parent=" + SPAN_ID;

  @Test
  void convertsTraceIdsBothWays() {
    assertThat(AwsTraceHeader.formatTraceId(TRACE_ID)).isEqualTo(AWS_TRACE_ID);
    assertThat(AwsTraceHeader.parseTraceId(AWS_TRACE_ID)).isEqualTo(TRACE_ID);
    assertThat(AwsTraceHeader.formatTraceId(TRACE_ID.toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(AWS_TRACE_ID);
    assertThat(AwsTraceHeader.parseTraceId("1-5759E988-BD862E3FE1BE46A994272793"))
        .isEqualTo(TRACE_ID);
  }

  @Test
  void rejectsMalformedTraceIds() {
    assertThat(AwsTraceHeader.formatTraceId(null)).isNull();
    assertThat(AwsTraceHeader.formatTraceId("5759e988")).isNull();
    assertThat(AwsTraceHeader.formatTraceId("00000000000000000000000000000000")).isNull();
    assertThat(AwsTraceHeader.parseTraceId(null)).isNull();
    assertThat(AwsTraceHeader.parseTraceId(TRACE_ID)).isNull();
    assertThat(AwsTraceHeader.parseTraceId("2-5759e988-bd862e3fe1be46a994272793")).isNull();
    assertThat(AwsTraceHeader.parseTraceId("1-5759e988bd862e3fe1be46a994272793")).isNull();
    assertThat(AwsTraceHeader.parseTraceId("1-5759e98-8bd862e3fe1be46a994272793")).isNull();
    assertThat(AwsTraceHeader.parseTraceId("1-5759e988-bd862e3fe1be46a99427279x")).isNull();
    assertThat(AwsTraceHeader.parseTraceId("1-00000000-000000000000000000000000")).isNull();
  }

  @Test
  void formatsContexts() {
    assertThat(AwsTraceHeader.format(SpanContext.create(TRACE_ID, SPAN_ID, true)))
        .isEqualTo(ROOT + ";" + PARENT + ";Sampled=1");
    assertThat(AwsTraceHeader.format(SpanContext.create(TRACE_ID, SPAN_ID, false)))
        .isEqualTo(ROOT + ";" + PARENT + ";Sampled=0");
    assertThat(
            AwsTraceHeader.format(
                SpanContext.createFromRemoteParentWithoutDecision(TRACE_ID, SPAN_ID)))
        .isEqualTo(ROOT + ";" + PARENT + ";Sampled=?");
    assertThat(AwsTraceHeader.format(SpanContext.invalid())).isNull();
  }

  @Test
  void roundTripsThroughFormatAndParse() {
    SpanContext[] contexts = {
      SpanContext.create(TRACE_ID, SPAN_ID, true),
      SpanContext.create(TRACE_ID, SPAN_ID, false),
      SpanContext.createFromRemoteParentWithoutDecision(TRACE_ID, SPAN_ID)
    };
    for (SpanContext context : contexts) {
      String value = AwsTraceHeader.format(context);

      AwsTraceHeader header = AwsTraceHeader.parse(value);

      assertThat(header).isNotNull();
      assertThat(header.getTraceId()).isEqualTo(TRACE_ID);
      assertThat(header.getParentId()).isEqualTo(SPAN_ID);
      assertThat(header.toString()).isEqualTo(value);
      SpanContext parsed = header.toSpanContext();
      assertThat(parsed.getTraceId()).isEqualTo(TRACE_ID);
      assertThat(parsed.getSpanId()).isEqualTo(SPAN_ID);
      assertThat(parsed.isRemote()).isTrue();
      assertThat(parsed.isSampled()).isEqualTo(context.isSampled());
      assertThat(parsed.isSamplingDeferred()).isEqualTo(context.isSamplingDeferred());
    }
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("acceptedHeaders")
  void parsesAcceptedHeaders(String value, String parentId, SamplingDecision decision) {
    AwsTraceHeader header = AwsTraceHeader.parse(value);

    assertThat(header).isNotNull();
    assertThat(header.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(header.getParentId()).isEqualTo(parentId);
    assertThat(header.getSamplingDecision()).isEqualTo(decision);
  }

  static Stream<Arguments> acceptedHeaders() {
    return Stream.of(
        Arguments.of(ROOT + ";" + PARENT + ";Sampled=1", SPAN_ID, SamplingDecision.SAMPLED),
        Arguments.of(ROOT + ";" + PARENT + ";Sampled=0", SPAN_ID, SamplingDecision.NOT_SAMPLED),
        Arguments.of(ROOT + ";" + PARENT + ";Sampled=?", SPAN_ID, SamplingDecision.REQUESTED),
        Arguments.of(ROOT + ";" + PARENT, SPAN_ID, SamplingDecision.UNKNOWN),
        // Any order, optional spaces, trailing or doubled separators.
        Arguments.of("Sampled=1;" + PARENT + ";" + ROOT, SPAN_ID, SamplingDecision.SAMPLED),
        Arguments.of(" " + ROOT + " ; " + PARENT + " ;Sampled = 1 ", SPAN_ID, SamplingDecision.SAMPLED),
        Arguments.of(ROOT + ";;" + PARENT + ";Sampled=1;", SPAN_ID, SamplingDecision.SAMPLED),
        // Unknown keys, including lowercase spellings of known ones, are ignored.
        Arguments.of(
            "Self=1-67891233-abcdef012345678912345678;" + ROOT + ";" + PARENT + ";Sampled=1",
            SPAN_ID,
            SamplingDecision.SAMPLED),
        Arguments.of(
            ROOT + ";" + PARENT + ";Sampled=0;Lineage=a87bd80c:1|68fd508a:5",
            SPAN_ID,
            SamplingDecision.NOT_SAMPLED),
        Arguments.of(ROOT + ";parent=" + SPAN_ID + ";sampled=x;junk", null, SamplingDecision.UNKNOWN),
        // A load balancer adds only a Root.
        Arguments.of(ROOT, null, SamplingDecision.UNKNOWN),
        Arguments.of(ROOT + ";Sampled=1", null, SamplingDecision.SAMPLED),
        // Uppercase hex is accepted and normalized.
        Arguments.of(
            "Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8",
            SPAN_ID,
            SamplingDecision.UNKNOWN));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("rejectedHeaders")
  void rejectsMalformedHeaders(String value) {
    assertThat(AwsTraceHeader.parse(value)).isNull();
  }

  static Stream<String> rejectedHeaders() {
    return Stream.of(
        "",
        "garbage",
        ";;;",
        // No Root.
        PARENT + ";Sampled=1",
        "root=" + AWS_TRACE_ID + ";" + PARENT,
        // Malformed Root.
        "Root=" + TRACE_ID + ";" + PARENT,
        "Root=1-5759e988-bd862e3fe1be46a99427279;" + PARENT,
        "Root=1-5759e988-bd862e3fe1be46a99427279z;" + PARENT,
        "Root=1-00000000-000000000000000000000000;" + PARENT,
        "Root=;" + PARENT,
        // Malformed Parent.
        ROOT + ";Parent=53995c3f42cd8ad",
        ROOT + ";Parent=53995c3f42cd8adz",
        ROOT + ";Parent=0000000000000000",
        ROOT + ";Parent=",
        // Malformed Sampled.
        ROOT + ";" + PARENT + ";Sampled=2",
        ROOT + ";" + PARENT + ";Sampled=true",
        ROOT + ";" + PARENT + ";Sampled=");
  }

  @Test
  void nullIsMalformed() {
    assertThat(AwsTraceHeader.parse(null)).isNull();
  }

  @Test
  void headerWithoutParentKeepsTheTraceIdButHasNoSpanContext() {
    AwsTraceHeader header = AwsTraceHeader.parse(ROOT + ";Sampled=1");

    assertThat(header).isNotNull();
    assertThat(header.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(header.getParentId()).isNull();
    assertThat(header.toSpanContext()).isSameAs(SpanContext.invalid());
    assertThat(header.toString()).isEqualTo(ROOT + ";Sampled=1");
  }

  @Test
  void openSamplingDecisionIsDeferredToThisProcess() {
    for (String value : new String[] {ROOT + ";" + PARENT + ";Sampled=?", ROOT + ";" + PARENT}) {
      SpanContext context = AwsTraceHeader.parse(value).toSpanContext();

      assertThat(context)
          .isEqualTo(SpanContext.createFromRemoteParentWithoutDecision(TRACE_ID, SPAN_ID));
      assertThat(context.isSamplingDeferred()).isTrue();
      assertThat(context.isSampled()).isFalse();
    }
  }

  @Test
  void equalHeadersAreEqual() {
    AwsTraceHeader a = AwsTraceHeader.parse(ROOT + ";" + PARENT + ";Sampled=1");
    AwsTraceHeader b = AwsTraceHeader.parse("Sampled=1; " + PARENT + "; Lineage=x:1; " + ROOT);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(AwsTraceHeader.parse(ROOT + ";" + PARENT + ";Sampled=0"));
    assertThat(a).isNotEqualTo(AwsTraceHeader.parse(ROOT + ";Sampled=1"));
  }
}

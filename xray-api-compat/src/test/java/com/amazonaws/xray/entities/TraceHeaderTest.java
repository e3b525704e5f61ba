package com.amazonaws.xray.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.TraceHeader.SampleDecision;
import org.junit.jupiter.api.Test;

/**
 * Parsing and formatting of {@code X-Amzn-Trace-Id}. The expected values were observed by running
 * the X-Ray SDK 2.21.0 {@code TraceHeader} on the same inputs.
 */
class TraceHeaderTest {
  private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String PARENT = "53995c3f42cd8ad8";

  @Test
  void parsesEachSamplingDecision() {
    assertThat(TraceHeader.fromString("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1").getSampled())
        .isEqualTo(SampleDecision.SAMPLED);
    assertThat(TraceHeader.fromString("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=0").getSampled())
        .isEqualTo(SampleDecision.NOT_SAMPLED);
    assertThat(TraceHeader.fromString("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=?").getSampled())
        .isEqualTo(SampleDecision.REQUESTED);
    assertThat(TraceHeader.fromString("Root=" + ROOT + ";Sampled=2").getSampled())
        .isEqualTo(SampleDecision.UNKNOWN);
    assertThat(TraceHeader.fromString("Root=" + ROOT + ";Sampled=").getSampled())
        .isEqualTo(SampleDecision.UNKNOWN);
  }

  @Test
  void formatsWhatItParsed() {
    String header = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1";

    TraceHeader parsed = TraceHeader.fromString(header);

    assertThat(parsed.getRootTraceId().toString()).isEqualTo(ROOT);
    assertThat(parsed.getParentId()).isEqualTo(PARENT);
    assertThat(parsed.toString()).isEqualTo(header);
  }

  @Test
  void fieldsAreTrimmedButKeysAreCaseSensitive() {
    TraceHeader spaced = TraceHeader.fromString("Root=" + ROOT + " ; Parent=" + PARENT + " ;Sampled=1 ");
    TraceHeader lower = TraceHeader.fromString("Root=" + ROOT + ";sampled=1");

    assertThat(spaced.toString()).isEqualTo("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1");
    assertThat(lower.getSampled()).isEqualTo(SampleDecision.UNKNOWN);
    assertThat(lower.getAdditionalParams()).containsEntry("sampled", "1");
    assertThat(lower.toString()).isEqualTo("Root=" + ROOT + ";;sampled=1");
  }

  @Test
  void keepsOtherFieldsButDropsSelf() {
    TraceHeader header =
        TraceHeader.fromString("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=a:1|b:2;Self=1-xx");

    assertThat(header.getAdditionalParams()).containsOnlyKeys("Lineage");
    assertThat(header.toString())
        .isEqualTo("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=a:1|b:2");
  }

  @Test
  void skipsFieldsWithoutEqualsAndSplitsAtTheFirstOne() {
    TraceHeader header = TraceHeader.fromString("Root=" + ROOT + ";;garbage;Parent=x=y");

    assertThat(header.getParentId()).isEqualTo("x=y");
    assertThat(header.getAdditionalParams()).isEmpty();
  }

  @Test
  void fieldsMayComeInAnyOrderAndTheLastRootWins() {
    TraceHeader reordered = TraceHeader.fromString("Sampled=1;Root=" + ROOT + ";Parent=p");
    TraceHeader twoRoots =
        TraceHeader.fromString("Root=" + ROOT + ";Root=1-00000000-000000000000000000000001");

    assertThat(reordered.toString()).isEqualTo("Root=" + ROOT + ";Parent=p;Sampled=1");
    assertThat(twoRoots.getRootTraceId().toString()).isEqualTo("1-00000000-000000000000000000000001");
  }

  @Test
  void malformedRootGivesANewRandomTraceId() {
    TraceHeader upper = TraceHeader.fromString("Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=" + PARENT);

    assertThat(upper.getRootTraceId()).isNotNull();
    assertThat(upper.getRootTraceId().toString()).isNotEqualTo(ROOT.toUpperCase(java.util.Locale.ROOT));
    assertThat(upper.getRootTraceId().toString()).matches("1-[0-9a-f]{8}-[0-9a-f]{24}");
    assertThat(upper.getParentId()).isEqualTo(PARENT);
  }

  @Test
  void headersWithoutRootOrWithNothingFormatAsXRayDoes() {
    assertThat(TraceHeader.fromString("Sampled=1").toString()).isEqualTo("Sampled=1");
    assertThat(TraceHeader.fromString("Parent=" + PARENT).toString()).isEqualTo("Parent=" + PARENT + ";");
    assertThat(TraceHeader.fromString("Root=" + ROOT).toString()).isEqualTo("Root=" + ROOT + ";");
    assertThat(TraceHeader.fromString("=").toString()).isEqualTo(";=");
    assertThat(TraceHeader.fromString("").toString()).isEmpty();
    assertThat(TraceHeader.fromString(null).toString()).isEmpty();
  }

  @Test
  void sampleDecisionParsesWholeFieldsIgnoringCase() {
    assertThat(SampleDecision.fromString("Sampled=1")).isEqualTo(SampleDecision.SAMPLED);
    assertThat(SampleDecision.fromString("SAMPLED=0")).isEqualTo(SampleDecision.NOT_SAMPLED);
    assertThat(SampleDecision.fromString("sampled=?")).isEqualTo(SampleDecision.REQUESTED);
    assertThat(SampleDecision.fromString("1")).isEqualTo(SampleDecision.UNKNOWN);
    assertThat(SampleDecision.fromString(" Sampled=1")).isEqualTo(SampleDecision.UNKNOWN);
    assertThat(SampleDecision.fromString(null)).isEqualTo(SampleDecision.UNKNOWN);
    assertThat(SampleDecision.UNKNOWN.toString()).isEmpty();
  }

  @Test
  void nullSamplingDecisionIsRejectedAsXRayDoes() {
    assertThatThrownBy(() -> new TraceHeader(null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TraceHeader().setSampled(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructedHeadersFormatTheFieldsTheyHave() {
    assertThat(new TraceHeader(TraceID.fromString(ROOT), null, SampleDecision.REQUESTED).toString())
        .isEqualTo("Root=" + ROOT + ";Sampled=?");
    assertThat(new TraceHeader(null, "abc", SampleDecision.SAMPLED).toString())
        .isEqualTo("Parent=abc;Sampled=1");
  }

  @Test
  void fromEntityUsesTheEntitysOwnIdAndDecision() {
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();
    try {
      Segment segment = recorder.beginSegment("svc", TraceID.fromString(ROOT), null);
      Subsegment subsegment = recorder.beginSubsegment("call");
      segment.setSampled(false);

      assertThat(TraceHeader.fromEntity(segment).toString())
          .isEqualTo("Root=" + ROOT + ";Parent=" + segment.getId() + ";Sampled=0");
      assertThat(TraceHeader.fromEntity(subsegment).toString())
          .as("a subsegment keeps the decision it was begun with")
          .isEqualTo("Root=" + ROOT + ";Parent=" + subsegment.getId() + ";Sampled=1");
    } finally {
      recorder.clearTraceEntity();
    }
  }
}

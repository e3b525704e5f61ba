package dev.tracekit.compat.testing;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Ids and times are ignored by default and compared when kept. */
class ShapeOptionsTest {
  private static final String RUN_1 =
      "{\"name\":\"s\",\"id\":\"1111111111111111\",\"trace_id\":\"1-5759e988-bd862e3fe1be46a994272793\","
          + "\"start_time\":100.0,\"end_time\":101.0,\"fault\":true,\"cause\":{\"exceptions\":[{\"id\":\"aaaaaaaaaaaaaaaa\","
          + "\"type\":\"E\"}]},\"subsegments\":[{\"name\":\"c\",\"id\":\"2222222222222222\",\"start_time\":100.5,\"end_time\":100.75}]}";
  private static final String RUN_2 =
      "{\"name\":\"s\",\"id\":\"3333333333333333\",\"trace_id\":\"1-6759e988-bd862e3fe1be46a994272793\","
          + "\"start_time\":200.0,\"end_time\":201.5,\"fault\":true,\"cause\":{\"exceptions\":[{\"id\":\"bbbbbbbbbbbbbbbb\","
          + "\"type\":\"E\"}]},\"subsegments\":[{\"name\":\"c\",\"id\":\"4444444444444444\",\"start_time\":200.5,\"end_time\":200.75}]}";

  @Test
  void idsAndTimesAreIgnoredByDefault() {
    TraceShape first = TraceShape.fromXRayDocuments(RUN_1);

    assertThatShape(TraceShape.fromXRayDocuments(RUN_2)).isEquivalentTo(first);
    assertThat(first.root("s").getId()).isNull();
    assertThat(first.root("s").getTraceId()).isNull();
    assertThat(first.root("s").getStartMicros()).isNull();
    assertThat(first.root("s").getExceptions().get(0).getId()).isNull();
  }

  @Test
  void idsAreComparedWhenKept() {
    TraceShape first = TraceShape.fromXRayDocuments(java.util.Collections.singletonList(RUN_1), ShapeOptions.keepIds());
    TraceShape second = TraceShape.fromXRayDocuments(java.util.Collections.singletonList(RUN_2), ShapeOptions.keepIds());

    assertThat(first.root("s").getExceptions().get(0).getId()).isEqualTo("aaaaaaaaaaaaaaaa");
    assertThatThrownBy(() -> assertThatShape(second).isEquivalentTo(first))
        .hasMessageContaining("/s/traceId\n  expected: \"1-5759e988-bd862e3fe1be46a994272793\"\n"
            + "  actual:   \"1-6759e988-bd862e3fe1be46a994272793\"");
  }

  @Test
  void timesAreComparedWhenKept() {
    TraceShape first = TraceShape.fromXRayDocuments(java.util.Collections.singletonList(RUN_1), ShapeOptions.keepTimes());
    TraceShape second = TraceShape.fromXRayDocuments(java.util.Collections.singletonList(RUN_2), ShapeOptions.keepTimes());

    assertThat(first.root("s").getEndMicros()).isEqualTo(101_000_000L);
    assertThatShape(first).isEquivalentTo(
        TraceShape.fromXRayDocuments(java.util.Collections.singletonList(RUN_1), ShapeOptions.keepTimes()));
    assertThatThrownBy(() -> assertThatShape(second).isEquivalentTo(first))
        .hasMessageContaining("/s/startMicros\n  expected: 100000000\n  actual:   200000000");
  }

  @Test
  void optionsCombine() {
    ShapeOptions both = ShapeOptions.keepIds().withTimes();

    assertThat(both.isKeepIds()).isTrue();
    assertThat(both.isKeepTimes()).isTrue();
    assertThat(ShapeOptions.defaults().isKeepIds()).isFalse();
    assertThat(both).isEqualTo(ShapeOptions.keepTimes().withIds());
  }
}

package dev.tracekit.compat.testing;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved form: readable, stable, and round-tripping exactly. */
class TraceShapeJsonTest {
  private static TraceShape sample(ShapeOptions options) throws IOException {
    return TraceShape.fromBatchGetTraces(TraceShapeSourcesTest.resource("batch-get-traces.json"), options);
  }

  @Test
  void saveAndLoadRoundTripExactly(@TempDir Path dir) throws IOException {
    TraceShape shape = sample(ShapeOptions.defaults().withIds().withTimes());
    Path file = dir.resolve("baselines/checkout.shape.json");

    shape.save(file);
    TraceShape loaded = TraceShape.load(file);

    assertThat(loaded.toJson()).isEqualTo(shape.toJson());
    assertThat(new String(Files.readAllBytes(file), "UTF-8")).isEqualTo(shape.toJson());
    assertThat(loaded).isEqualTo(shape);
    assertThatShape(loaded).isEquivalentTo(shape);
    assertThat(loaded.root("Scorekeep").getStartMicros()).isEqualTo(1485891000000000L);
    assertThat(loaded.root("Scorekeep").getAnnotations().get("players")).isEqualTo(2L);
  }

  @Test
  void doubleAnnotationsStayDoublesThroughTheSavedForm() {
    TraceShape shape = TraceShape.fromXRayDocuments("{\"name\":\"s\",\"annotations\":{\"d\":5.0,\"l\":5}}");

    TraceShape loaded = TraceShape.fromJson(shape.toJson());

    assertThat(loaded.root("s").getAnnotations().get("d")).isEqualTo(5.0);
    assertThat(loaded.root("s").getAnnotations().get("l")).isEqualTo(5L);
  }

  @Test
  void savedFormIsReadableWithFieldsInAFixedOrder() throws IOException {
    String json = sample(ShapeOptions.defaults()).toJson();

    assertThat(json).startsWith("{\n  \"traceShape\" : 1,\n  \"roots\" : [\n    {\n      \"name\" : \"Scorekeep\",\n"
        + "      \"kind\" : \"SERVER\",\n      \"user\" : \"5M388M1E\",\n");
    assertThat(json).endsWith("}\n").doesNotContain("\r");
    assertThat(json.indexOf("\"annotations\"")).isLessThan(json.indexOf("\"http\""));
    assertThat(json.indexOf("\"http\"")).isLessThan(json.indexOf("\"children\""));
    assertThat(json).doesNotContain("\"id\"").doesNotContain("startMicros");
  }

  @Test
  void aFileThatIsNotASavedShapeIsRejected() {
    assertThatThrownBy(() -> TraceShape.fromJson("{\"roots\":[]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a saved trace shape");
  }

  @Test
  void aLoadedBaselineReportsDifferencesLikeAFreshShape(@TempDir Path dir) throws IOException {
    Path baseline = dir.resolve("s.json");
    TraceShape.fromXRayDocuments("{\"name\":\"s\",\"annotations\":{\"k\":\"v\"}}").save(baseline);

    assertThatShape(TraceShape.fromXRayDocuments("{\"name\":\"s\",\"annotations\":{\"k\":\"v\"}}"))
        .isEquivalentToBaseline(baseline);
    assertThatThrownBy(() -> assertThatShape(TraceShape.fromXRayDocuments("{\"name\":\"s\",\"annotations\":{\"k\":\"w\"}}"))
            .isEquivalentToBaseline(baseline))
        .hasMessageContaining("/s/annotations/k\n  expected: \"v\"\n  actual:   \"w\"");
  }
}

package dev.tracekit.compat.testing;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Failure messages name the path to the first difference and both values. */
class TraceShapeAssertTest {
  private static final String BASE =
      "{\"name\":\"checkout\",\"id\":\"0000000000000001\",\"trace_id\":\"1-5759e988-bd862e3fe1be46a994272793\","
          + "\"start_time\":1.0,\"end_time\":2.0,\"annotations\":{\"user_id\":\"u-1\"},\"subsegments\":["
          + "{\"name\":\"fetch-data\",\"id\":\"0000000000000002\",\"start_time\":1.1,\"end_time\":1.2,"
          + "\"namespace\":\"remote\",\"annotations\":{\"attempt\":1}},"
          + "{\"name\":\"fetch-data\",\"id\":\"0000000000000003\",\"start_time\":1.3,\"end_time\":1.4,"
          + "\"namespace\":\"remote\",\"annotations\":{\"attempt\":2,\"user_id\":\"u-1\"}},"
          + "{\"name\":\"pay\",\"id\":\"0000000000000004\",\"start_time\":1.5,\"end_time\":1.6,\"fault\":true,"
          + "\"cause\":{\"working_directory\":\"/app\",\"exceptions\":[{\"id\":\"e1\",\"type\":\"java.lang.IllegalStateException\","
          + "\"message\":\"declined\"}]}}]}";

  private static TraceShape shape(String document) {
    return TraceShape.fromXRayDocuments(document);
  }

  private static String variant(String from, String to) {
    assertThat(BASE).contains(from);
    return BASE.replace(from, to);
  }

  @Test
  void anAnnotationValueDifferenceNamesThePathAndBothValues() {
    TraceShape actual = shape(variant("\"attempt\":2,\"user_id\":\"u-1\"", "\"attempt\":2,\"user_id\":\"u-2\""));

    assertThatThrownBy(() -> assertThatShape(actual).isEquivalentTo(shape(BASE)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("first difference at /checkout/fetch-data[1]/annotations/user_id")
        .hasMessageContaining("expected: \"u-1\"")
        .hasMessageContaining("actual:   \"u-2\"")
        .hasMessageContaining("Expected subtree:\n  fetch-data [CLIENT, namespace=remote]\n"
            + "      annotations: attempt=2, user_id=\"u-1\"")
        .hasMessageContaining("Actual subtree:\n  fetch-data [CLIENT, namespace=remote]\n"
            + "      annotations: attempt=2, user_id=\"u-2\"");
  }

  @Test
  void aMissingChildIsReportedWithBothCounts() {
    TraceShape actual = shape(variant(
        "{\"name\":\"fetch-data\",\"id\":\"0000000000000003\"", "{\"name\":\"retry\",\"id\":\"0000000000000003\""));

    assertThatThrownBy(() -> assertThatShape(actual).isEquivalentTo(shape(BASE)))
        .hasMessageContaining("first difference at /checkout/fetch-data[1]\n"
            + "  expected: 2 children named \"fetch-data\"\n"
            + "  actual:   1 child named \"fetch-data\"")
        .hasMessageContaining("Expected subtree:\n  checkout [SERVER]");
  }

  @Test
  void anExtraChildIsReportedWithBothCounts() {
    TraceShape expected = shape(BASE);
    TraceShape actual = shape(variant("\"subsegments\":[", "\"subsegments\":[{\"name\":\"audit\",\"start_time\":1.7},"));

    assertThatThrownBy(() -> assertThatShape(actual).isEquivalentTo(expected))
        .hasMessageContaining("first difference at /checkout/audit\n"
            + "  expected: 0 children named \"audit\"\n"
            + "  actual:   1 child named \"audit\"")
        .hasMessageContaining("Actual subtree:\n  checkout [SERVER]")
        .hasMessageContaining("\n    audit [INTERNAL]");
  }

  @Test
  void aKindDifferenceIsReported() {
    TraceShape actual = shape(variant("\"start_time\":1.1,\"end_time\":1.2,\"namespace\":\"remote\"",
        "\"start_time\":1.1,\"end_time\":1.2"));

    assertThatThrownBy(() -> assertThatShape(actual).isEquivalentTo(shape(BASE)))
        .hasMessageContaining("first difference at /checkout/fetch-data[0]/kind\n"
            + "  expected: \"CLIENT\"\n  actual:   \"INTERNAL\"");
  }

  @Test
  void anExceptionTypeDifferenceIsReported() {
    TraceShape actual = shape(variant("java.lang.IllegalStateException", "java.lang.IllegalArgumentException"));

    assertThatThrownBy(() -> assertThatShape(actual).isEquivalentTo(shape(BASE)))
        .hasMessageContaining("first difference at /checkout/pay/exceptions[0]/type\n"
            + "  expected: \"java.lang.IllegalStateException\"\n"
            + "  actual:   \"java.lang.IllegalArgumentException\"")
        .hasMessageContaining("exception: java.lang.IllegalArgumentException: declined");
  }

  @Test
  void aFlagDifferenceIsReported() {
    TraceShape actual = shape(variant("\"fault\":true", "\"error\":true"));

    assertThatThrownBy(() -> assertThatShape(actual).isEquivalentTo(shape(BASE)))
        .hasMessageContaining("first difference at /checkout/pay/fault\n  expected: true\n  actual:   false");
  }

  @Test
  void aMissingAnnotationIsReportedAsAbsent() {
    TraceShape actual = shape(variant("\"annotations\":{\"user_id\":\"u-1\"},", ""));

    assertThatThrownBy(() -> assertThatShape(actual).isEquivalentTo(shape(BASE)))
        .hasMessageContaining("first difference at /checkout/annotations/user_id\n"
            + "  expected: \"u-1\"\n  actual:   <absent>");
  }

  @Test
  void numbersCompareByValueAcrossIntegerAndFloatingTypesButNotAgainstStrings() {
    assertThatShape(shape(variant("\"attempt\":1}", "\"attempt\":1.0}"))).isEquivalentTo(shape(BASE));

    assertThatThrownBy(() -> assertThatShape(shape(variant("\"attempt\":1}", "\"attempt\":\"1\"}")))
            .isEquivalentTo(shape(BASE)))
        .hasMessageContaining("/checkout/fetch-data[0]/annotations/attempt\n  expected: 1\n  actual:   \"1\"");
  }

  @Test
  void siblingOrderInTheInputDoesNotMatter() {
    String reordered = "{\"name\":\"checkout\",\"start_time\":1.0,\"subsegments\":["
        + "{\"name\":\"b\",\"start_time\":1.1},{\"name\":\"a\",\"start_time\":1.2}]}";
    String ordered = "{\"name\":\"checkout\",\"start_time\":1.0,\"subsegments\":["
        + "{\"name\":\"a\",\"start_time\":1.2},{\"name\":\"b\",\"start_time\":1.1}]}";

    assertThatShape(shape(reordered)).isEquivalentTo(shape(ordered));
    assertThat(shape(reordered).toJson()).isEqualTo(shape(ordered).toJson());
  }

  @Test
  void workingDirectorySdkInfoAndServiceAreNotPartOfTheShape() {
    TraceShape actual = shape(variant("\"working_directory\":\"/app\"", "\"working_directory\":\"/srv\"")
        .replace("\"end_time\":2.0,", "\"end_time\":2.0,\"aws\":{\"xray\":{\"sdk_version\":\"2.21.0\"}},"
            + "\"service\":{\"runtime\":\"OpenJDK\"},"));

    assertThatShape(actual).isEquivalentTo(shape(BASE));
  }

  @Test
  void metadataDifferencesNameTheJsonPath() {
    String base = "{\"name\":\"s\",\"metadata\":{\"ns\":{\"list\":[1,2],\"m\":{\"a\":\"x\"}}}}";
    String changed = "{\"name\":\"s\",\"metadata\":{\"ns\":{\"m\":{\"a\":\"x\"},\"list\":[1,3]}}}";

    assertThatThrownBy(() -> assertThatShape(shape(changed)).isEquivalentTo(shape(base)))
        .hasMessageContaining("first difference at /s/metadata/ns/list[1]\n  expected: 2\n  actual:   3");
  }
}

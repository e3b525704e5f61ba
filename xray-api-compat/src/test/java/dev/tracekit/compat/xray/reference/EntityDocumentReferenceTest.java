package dev.tracekit.compat.xray.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code serialize()}, {@code prettySerialize()} and {@code streamSerialize()} write the same X-Ray
 * documents as the real SDK for the same calls: the program {@code scenarios.Documents} runs on both
 * runtimes and every document is compared field by field with {@link DocumentDiff}, whose class
 * comment lists the only fields excluded (and why).
 */
class EntityDocumentReferenceTest {
  private static Map<String, Object> real;
  private static Map<String, Object> shim;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void runBoth() {
    real = (Map<String, Object>) XRayReference.REAL.call("scenarios.Documents", "fullTree");
    shim = (Map<String, Object>) XRayReference.SHIM.call("scenarios.Documents", "fullTree");
  }

  @Test
  void emittedSegmentDocumentMatchesTheRealSdk() {
    assertSameDocument("segment");
  }

  @Test
  void inProgressSegmentDocumentMatchesTheRealSdk() {
    assertSameDocument("open");
  }

  @Test
  void prettySegmentDocumentMatchesTheRealSdk() {
    assertSameDocument("segment.pretty");
    String realPretty = (String) real.get("segment.pretty");
    String shimPretty = (String) shim.get("segment.pretty");
    assertThat(shimPretty.split("\n", -1)).hasSameSizeAs(realPretty.split("\n", -1));
    assertThat(shimPretty).startsWith("{\n  \"name\" : \"checkout\"");
    assertThat(DocumentDiff.normalize(shimPretty))
        .isEqualTo(DocumentDiff.normalize((String) shim.get("segment")));
  }

  @Test
  void subsegmentDocumentsMatchTheRealSdk() {
    assertSameDocument("dynamo.serialize");
    assertSameDocument("dynamo.stream");
    assertSameDocument("dynamo.prettyStream");
    assertSameDocument("query.stream");
  }

  @Test
  void emitterReceivesTheSameCallsAsWithTheRealSdk() {
    assertThat(shim.get("emitted")).isEqualTo(real.get("emitted"));
    assertThat(real.get("emitted")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("segment checkout");
  }

  @Test
  void exceptionsRecordedAgainAreDescribedOrReferredToLikeTheRealSdk() {
    @SuppressWarnings("unchecked")
    Map<String, Object> againReal = (Map<String, Object>) XRayReference.REAL.call("scenarios.Documents", "recordedAgain");
    @SuppressWarnings("unchecked")
    Map<String, Object> againShim = (Map<String, Object>) XRayReference.SHIM.call("scenarios.Documents", "recordedAgain");
    // Only direct children are searched: a grandchild's exception is described again in full.
    assertThat(DocumentDiff.parse((String) againReal.get("grandchild's")).path("cause").path("exceptions"))
        .hasSize(2);
    for (String key : new String[] {"grandchild's", "segment"}) {
      assertThat(DocumentDiff.differences((String) againReal.get(key), (String) againShim.get(key)))
          .as("%s\nreal: %s\nshim: %s", key, againReal.get(key), againShim.get(key))
          .isEmpty();
    }
  }

  @Test
  void anExceptionAddedTwiceIsKeptTwiceAndAnEmptyMetadataNamespaceIsLeftOutLikeTheRealSdk() {
    @SuppressWarnings("unchecked")
    Map<String, Object> twiceReal = (Map<String, Object>) XRayReference.REAL.call("scenarios.Documents", "twiceAndEmpty");
    @SuppressWarnings("unchecked")
    Map<String, Object> twiceShim = (Map<String, Object>) XRayReference.SHIM.call("scenarios.Documents", "twiceAndEmpty");
    String real = (String) twiceReal.get("segment");
    // The failure and its cause, twice.
    assertThat(DocumentDiff.parse(real).path("cause").path("exceptions")).hasSize(4);
    assertThat(DocumentDiff.parse(real).path("metadata").has("empty")).isFalse();
    assertThat(DocumentDiff.differences(real, (String) twiceShim.get("segment")))
        .as("real: %s\nshim: %s", real, twiceShim.get("segment"))
        .isEmpty();
    assertThat(twiceShim.get("emitted")).isEqualTo(twiceReal.get("emitted"));
  }

  @Test
  void entitiesBuiltByTheirConstructorsCarryOnlyWhatTheRealSdksDo() {
    @SuppressWarnings("unchecked")
    Map<String, Object> directReal = (Map<String, Object>) XRayReference.REAL.call("scenarios.Documents", "directlyBuilt");
    @SuppressWarnings("unchecked")
    Map<String, Object> directShim = (Map<String, Object>) XRayReference.SHIM.call("scenarios.Documents", "directlyBuilt");
    // The recorder's origin and aws/service maps come with beginSegment, not with the constructor.
    assertThat(DocumentDiff.parse((String) directReal.get("ended")).has("origin")).isFalse();
    for (String key : new String[] {"inProgress", "sub", "ended"}) {
      assertThat(DocumentDiff.differences((String) directReal.get(key), (String) directShim.get(key)))
          .as("%s\nreal: %s\nshim: %s", key, directReal.get(key), directShim.get(key))
          .isEmpty();
    }
  }

  @Test
  void bareEntitiesWriteTheSameDefaultsAsTheRealSdk() {
    @SuppressWarnings("unchecked")
    Map<String, Object> bareReal = (Map<String, Object>) XRayReference.REAL.call("scenarios.Documents", "bareTree");
    @SuppressWarnings("unchecked")
    Map<String, Object> bareShim = (Map<String, Object>) XRayReference.SHIM.call("scenarios.Documents", "bareTree");
    for (String key : new String[] {"segment", "sub.inProgress"}) {
      assertThat(DocumentDiff.differences((String) bareReal.get(key), (String) bareShim.get(key)))
          .as("%s\nreal: %s\nshim: %s", key, bareReal.get(key), bareShim.get(key))
          .isEmpty();
    }
    assertThat(bareShim.get("emitted")).isEqualTo(bareReal.get("emitted"));
  }

  @Test
  void entityFieldsComeInTheRealSdksOrder() {
    // Entity, cause and exception fields; the order of free-form map entries (annotations, aws…)
    // carries no meaning and is not compared.
    for (String key : new String[] {"segment", "open", "dynamo.stream", "query.stream"}) {
      assertThat(fieldOrder(DocumentDiff.parse((String) shim.get(key))))
          .as(key)
          .isEqualTo(fieldOrder(DocumentDiff.parse((String) real.get(key))));
    }
  }

  private static List<String> fieldOrder(JsonNode entity) {
    List<String> order = new ArrayList<>();
    order.add(String.join(",", names(entity)));
    JsonNode cause = entity.path("cause");
    if (cause.isObject()) {
      order.add("cause: " + String.join(",", names(cause)));
      for (JsonNode exception : cause.path("exceptions")) {
        order.add("exception: " + String.join(",", names(exception)));
      }
    }
    for (JsonNode child : entity.path("subsegments")) {
      order.addAll(fieldOrder(child));
    }
    return order;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void theComparisonSeesRealDifferences() {
    // Guards the guard: a changed value and a missing field are both reported.
    String doc = "{\"name\":\"a\",\"id\":\"1\",\"aws\":{\"xray\":{\"sdk\":\"x\"}}}";
    assertThat(DocumentDiff.differences(doc, "{\"name\":\"b\",\"aws\":{\"xray\":{\"sdk\":\"y\"}}}"))
        .containsExactly("$.id: only in the real SDK: \"1\"", "$.name: real=\"a\" shim=\"b\"");
  }

  private static void assertSameDocument(String key) {
    String realDoc = (String) real.get(key);
    String shimDoc = (String) shim.get(key);
    assertThat(realDoc).as("the real SDK wrote %s", key).isNotEmpty();
    JsonNode parsed = DocumentDiff.parse(realDoc);
    assertThat(parsed.isObject()).isTrue();
    assertThat(DocumentDiff.differences(realDoc, shimDoc))
        .as("%s\nreal: %s\nshim: %s", key, realDoc, shimDoc)
        .isEmpty();
  }
}

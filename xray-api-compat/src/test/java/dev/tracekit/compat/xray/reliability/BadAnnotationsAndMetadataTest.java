package dev.tracekit.compat.xray.reliability;

import static dev.tracekit.compat.xray.reliability.BadInputPrograms.documents;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.attributes;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.names;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.only;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.parentId;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.spanId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.core.export.LogCapture;
import dev.tracekit.compat.core.trace.SpanLimits;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad annotations and metadata, run on the real X-Ray SDK 2.21.0 and on the shim (program {@code
 * scenarios.BadInput}). Annotations: the real SDK keeps every key and value; so do the shim's
 * entity and X-Ray document, while the span keeps only what X-Ray indexes (keys of letters, digits
 * and {@code _}; string, number and boolean values), with one rate-limited warning. Metadata: where
 * Jackson fails, the real SDK's {@code serialize()} returns an empty string and its emitter sends
 * it (the whole segment is lost, siblings included); the shim writes the bad value as its {@code
 * toString()} and keeps everything else, in the document and in the spans.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadAnnotationsAndMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private BadInputPipeline receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = BadInputPipeline.startWithPipeline(20_000);
  }

  @AfterEach
  void stop() throws IOException {
    receiver.close();
  }

  @Test
  @Order(1)
  @SuppressWarnings("unchecked")
  void annotationKeysXRayDoesNotIndexAreKeptInTheDocumentAndLeftOutOfTheSpanWithOneWarning() {
    Map<String, Object> real = BadInputPrograms.real("annotations");
    Map<String, Object> shim;
    List<String> warnings;
    try (LogCapture logs = new LogCapture()) {
      shim = BadInputPrograms.shim("annotations");
      receiver.flush();
      warnings = warningsFrom(logs, "XRaySpanMapping");
    }
    List<String> badKeys = (List<String>) BadInputPrograms.shimValue("badAnnotationKeys");

    for (String key : badKeys) {
      assertThat(shim.get("putAnnotation " + key)).as(key).isEqualTo(real.get("putAnnotation " + key));
    }
    assertThat(shim.get("getAnnotations")).isEqualTo(real.get("getAnnotations"));
    assertThat((Map<String, String>) real.get("getAnnotations")).containsKeys(badKeys.toArray(new String[0]));
    assertThat(documents(shim)).isEqualTo(documents(real));

    Span segment = only(receiver.flush(), "annotated");
    Map<String, AnyValue> attributes = attributes(segment);
    assertThat(attributes).doesNotContainKeys(badKeys.stream()
        .filter(k -> !k.startsWith("aws.xray.")).toArray(String[]::new));
    assertThat(attributes.get("good_key").getStringValue()).isEqualTo("kept");
    // Mapped attributes are never overwritten by an annotation with the same key.
    assertThat(attributes.get("aws.xray.fault").getBoolValue()).isTrue();
    assertThat(attributes.get("http.response.status_code").getIntValue()).isEqualTo(503);
    assertThat(stringArray(attributes.get("aws.xray.annotations"))).containsExactly(
        "beyond_double", "beyond_long", "good_key", "infinite", "last_good", "not_a_number");
    // Run first, so the logger's budget (five lines a minute) is whole: exactly one line.
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("'annotated'").contains("dotted.key").contains("aws.xray.fault");
  }

  @Test
  void annotationValuesOfOtherTypesAreKeptInTheDocumentAndLeftOutOfTheSpan() {
    Map<String, Object> real = BadInputPrograms.real("annotations");
    Map<String, Object> shim = BadInputPrograms.shim("annotations");

    for (String put : Arrays.asList("list", "bean", "map")) {
      String call = "getAnnotations().put " + put;
      assertThat(shim.get(call)).as(call).isEqualTo(real.get(call)).isEqualTo("returned null");
    }
    assertThat(documents(shim)).isEqualTo(documents(real));
    JsonNode document = documents(real).get(0).path("annotations");
    assertThat(document.path("a_list").toString()).isEqualTo("[1,2]");
    assertThat(document.path("a_map").toString()).isEqualTo("{\"k\":\"v\"}");
    // Jackson writes a bean without properties as {}, which the SDK's NON_EMPTY rule leaves out.
    assertThat(document.has("a_bean")).isFalse();

    List<Span> spans = receiver.flush();
    assertThat(attributes(only(spans, "annotated"))).doesNotContainKeys("a_list", "a_map", "a_bean");
    Span sibling = only(spans, "sibling");
    assertThat(attributes(sibling).get("sibling_key").getBoolValue()).isTrue();
    assertThat(parentId(sibling)).isEqualTo(spanId(only(spans, "annotated")));
  }

  @Test
  void nullAnnotationKeysAndValuesAreIgnoredWhereTheRealSdkThrows() {
    Map<String, Object> real = BadInputPrograms.real("annotations");
    Map<String, Object> shim = BadInputPrograms.shim("annotations");

    // The one deliberate difference (migration guide, "Null values are ignored instead of throwing").
    assertThat(String.valueOf(real.get("putAnnotation null key"))).startsWith("threw java.lang.NullPointerException");
    assertThat(String.valueOf(real.get("putAnnotation null value"))).startsWith("threw java.lang.NullPointerException");
    assertThat(shim.get("putAnnotation null key")).isEqualTo("returned null");
    assertThat(shim.get("putAnnotation null value")).isEqualTo("returned null");
    assertThat(shim.get("getAnnotations")).isEqualTo(real.get("getAnnotations"));
    assertThat(attributes(only(receiver.flush(), "annotated"))).containsKeys("good_key", "last_good");
  }

  @Test
  void nonFiniteAndOutOfRangeNumberAnnotationsMatchTheRealSdkAndAreValidOtlp() {
    Map<String, Object> real = BadInputPrograms.real("annotations");
    Map<String, Object> shim = BadInputPrograms.shim("annotations");

    assertThat(documents(shim)).isEqualTo(documents(real));
    JsonNode document = documents(real).get(0).path("annotations");
    assertThat(document.path("not_a_number").asText()).isEqualTo("NaN");
    assertThat(document.path("infinite").asText()).isEqualTo("Infinity");

    Map<String, AnyValue> attributes = attributes(only(receiver.flush(), "annotated"));
    assertThat(attributes.get("not_a_number").getDoubleValue()).isNaN();
    assertThat(attributes.get("infinite").getDoubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(attributes.get("beyond_double").getDoubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(attributes.get("beyond_long").getDoubleValue()).isEqualTo(1.2345678901234568E29);
    assertThat(attributes.get("last_good").getIntValue()).isEqualTo(7);
  }

  @Test
  void moreAnnotationsThanASpanKeepsNeverPushOutTheMappedAttributes() {
    Map<String, Object> real = BadInputPrograms.real("manyAnnotations", 300);
    Map<String, Object> shim = BadInputPrograms.shim("manyAnnotations", 300);

    assertThat(shim.get("annotations")).isEqualTo(real.get("annotations")).isEqualTo(300);
    assertThat(documents(shim)).isEqualTo(documents(real));

    Span span = only(receiver.flush(), "crowded");
    Map<String, AnyValue> attributes = attributes(span);
    assertThat(attributes).hasSize(SpanLimits.DEFAULT_MAX_ATTRIBUTES);
    assertThat(span.getDroppedAttributesCount()).isEqualTo(300 + 1 + 3 - SpanLimits.DEFAULT_MAX_ATTRIBUTES);
    assertThat(attributes.get("http.response.status_code").getIntValue()).isEqualTo(500);
    assertThat(attributes.get("aws.xray.fault").getBoolValue()).isTrue();
    assertThat(stringArray(attributes.get("aws.xray.annotations"))).hasSize(300);
    assertThat(span.getStatus().getCodeValue()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"selfReferencingBean", "throwingGetter", "cyclicMap"})
  void metadataJacksonCannotWriteLosesTheWholeSegmentInTheRealSdkButOnlyThatValueHere(String kind)
      throws IOException {
    Map<String, Object> real = BadInputPrograms.real("metadata", kind);
    Map<String, Object> shim;
    List<String> warnings;
    try (LogCapture logs = new LogCapture()) {
      shim = BadInputPrograms.shim("metadata", kind);
      receiver.flush();
      warnings = warningsFrom(logs, "EntityDocuments");
    }

    // What the app sees: no exception, on either.
    for (String call : Arrays.asList("putMetadata", "endSegment")) {
      assertThat(shim.get(call)).as(call).isEqualTo(real.get(call)).isEqualTo("returned null");
    }
    // The real SDK writes nothing and its emitter sends an empty document: the segment and its
    // sibling subsegment are lost. The shim writes everything but the bad value.
    assertThat(real.get("serialize")).isEqualTo("returned ");
    assertThat(documents(real)).containsExactly(JSON.getNodeFactory().textNode(""));
    JsonNode document = documents(shim).get(0);
    assertThat(document.path("subsegments").get(0).path("name").asText()).isEqualTo("sibling");
    assertThat(document.path("metadata").path("default").path("before").asText()).isEqualTo("ok");
    assertThat(document.path("metadata").path("bad").path("good").asInt()).isEqualTo(1);
    assertThat(document.path("metadata").path("bad").path("value").toString()).isEqualTo(placeholder(kind, 2));
    assertThat(String.valueOf(shim.get("serialize"))).startsWith("returned {\"name\":\"described\"");

    List<Span> spans = receiver.flush();
    Span segment = only(spans, "described");
    Map<String, AnyValue> attributes = attributes(segment);
    assertThat(attributes.get("aws.xray.metadata.default").getStringValue()).isEqualTo("{\"before\":\"ok\"}");
    assertThat(attributes.get("aws.xray.metadata.bad").getStringValue())
        .isEqualTo("{\"good\":1,\"value\":" + placeholder(kind, 1) + "}");
    Span sibling = only(spans, "sibling");
    assertThat(parentId(sibling)).isEqualTo(spanId(segment));
    assertThat(attributes(sibling).get("aws.xray.metadata.default").getStringValue()).isEqualTo("{\"sibling\":\"yes\"}");
    assertThat(warnings).hasSizeLessThanOrEqualTo(5).allSatisfy(w -> assertThat(w).hasSizeLessThan(600));
  }

  /** What the shim writes for the bad value, {@code levels} map levels below where writing began. */
  private static String placeholder(String kind, int levels) {
    switch (kind) {
      case "selfReferencingBean":
        return "\"SelfReferencing(loop)\"";
      case "throwingGetter":
        return "\"ThrowingGetter(fine)\"";
      default:
        // Written entry by entry down to three levels, then as its class name.
        String[] keys = {"inner", "outer"};
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int level = levels; level < 3; level++) {
          open.append("{\"").append(keys[(level - levels) % 2]).append("\":");
          close.append('}');
        }
        return open + "\"java.util.HashMap\"" + close;
    }
  }

  @Test
  void aBeanWithoutPropertiesIsLeftOutLikeTheRealSdk() {
    Map<String, Object> real = BadInputPrograms.real("metadata", "noProperties");
    Map<String, Object> shim = BadInputPrograms.shim("metadata", "noProperties");

    assertThat(documents(shim)).isEqualTo(documents(real));
    assertThat(documents(real).get(0).path("metadata").path("bad").toString()).isEqualTo("{\"good\":1}");
    assertThat(attributes(only(receiver.flush(), "described")).get("aws.xray.metadata.bad").getStringValue())
        .isEqualTo("{\"good\":1}");
  }

  @Test
  void metadataOverOneMebibyteIsWholeInTheDocumentAndCutInTheSpan() {
    Map<String, Object> real = BadInputPrograms.real("metadata", "huge");
    Map<String, Object> shim = BadInputPrograms.shim("metadata", "huge");

    // Compared without printing a megabyte on failure.
    assertThat(documents(shim).equals(documents(real))).as("same documents as the real SDK").isTrue();
    assertThat(documents(real).get(0).path("metadata").path("bad").path("value").asText()).hasSize(1_200_000);

    List<Span> spans = receiver.flush();
    String bad = attributes(only(spans, "described")).get("aws.xray.metadata.bad").getStringValue();
    assertThat(bad.length()).isEqualTo(SpanLimits.DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH);
    assertThat(bad).startsWith("{\"good\":1,\"value\":\"xxxx");
    assertThat(names(spans)).containsExactlyInAnyOrder("described", "sibling");
    assertThat(receiver.bodySizes()).allSatisfy(size -> assertThat(size).isLessThan(64 * 1024));
  }

  @Test
  void spansFullOfLargeMetadataGoOutInRequestsOfAtMostOneMebibyteAndAllArrive() {
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
    String large = BadNamesTest.repeat("m", 20_000);
    assertTimeoutPreemptively(TracedApp.APP_BOUND, () -> {
      for (int i = 0; i < 400; i++) {
        Segment segment = recorder.beginSegment("large-" + i);
        for (int ns = 0; ns < 4; ns++) {
          segment.putMetadata("ns" + ns, "blob", large);
        }
        recorder.endSegment();
      }
    });

    List<Span> spans = receiver.flush();
    // 400 spans of 4 × 8 KiB: about 13 MiB in all, sent in parts no larger than 1 MiB.
    assertThat(spans).hasSize(400);
    assertThat(names(spans).stream().distinct().count()).isEqualTo(400);
    assertThat(receiver.bodySizes()).hasSizeGreaterThan(12)
        .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(1024 * 1024));
  }

  @Test
  void tenThousandSegmentsWithBadAnnotationsAndMetadataLogAFewLinesAndAllArrive() {
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    List<LogRecord> records;
    try (LogCapture logs = new LogCapture()) {
      assertTimeoutPreemptively(TracedApp.APP_BOUND, () -> {
        for (int i = 0; i < 10_000; i++) {
          Segment segment = recorder.beginSegment("noisy-" + i);
          segment.putAnnotation("not.indexed", i);
          segment.putAnnotation("fine", i);
          segment.putMetadata("broken", new ThrowingBean());
          segment.putMetadata("loop", cyclic);
          recorder.endSegment();
        }
      });
      assertThat(receiver.flush()).hasSize(10_000)
          .allSatisfy(span -> assertThat(attributes(span)).containsKey("fine").doesNotContainKey("not.indexed"));
      records = logs.records();
    }
    List<LogRecord> ours = records.stream()
        .filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
        .collect(Collectors.toList());
    // Five a minute per logger (XRaySpanMapping, EntityDocuments), whatever the count of calls
    // (other tests of the minute may have used some).
    assertThat(ours).as("log lines for 10,000 bad segments").hasSizeLessThanOrEqualTo(10);
  }

  /** A bean whose only getter throws. */
  public static final class ThrowingBean {
    public String getValue() {
      throw new IllegalStateException("no value");
    }
  }

  private static List<String> warningsFrom(LogCapture logs, String loggerSuffix) {
    List<String> out = new ArrayList<>();
    for (LogRecord record : logs.records()) {
      if (record.getLevel() == Level.WARNING && String.valueOf(record.getLoggerName()).endsWith(loggerSuffix)) {
        out.add(record.getMessage());
      }
    }
    return out;
  }

  private static List<String> stringArray(AnyValue value) {
    if (value == null) {
      return Collections.emptyList();
    }
    return value.getArrayValue().getValuesList().stream().map(AnyValue::getStringValue).collect(Collectors.toList());
  }
}

package dev.tracekit.compat.xray.reliability;

import static dev.tracekit.compat.xray.reliability.BadInputPrograms.documents;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.attributes;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.names;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.only;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.parentId;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.spanId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.trace.SpanLimits;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad segment and subsegment names, run on the real X-Ray SDK 2.21.0 and on the shim: what the app
 * sees and the X-Ray documents are the same, and the spans that reach a real OTLP receiver (every
 * body parsed with the official proto) keep every sibling. The real SDK checks only that a name is
 * not null or blank (it throws); it neither cuts names at 200 characters nor applies X-Ray's
 * character rules (observed by running it), so neither does the shim.
 */
class BadNamesTest {
  private BadInputPipeline receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = BadInputPipeline.startWithPipeline(2048);
  }

  @AfterEach
  void stop() throws IOException {
    receiver.close();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t\n"})
  void aNullOrBlankSegmentNameThrowsLikeTheRealSdkAndTheAppCarriesOn(String name) {
    Map<String, Object> real = BadInputPrograms.real("segmentName", name);
    Map<String, Object> shim = BadInputPrograms.shim("segmentName", name);

    assertThat(real.get("beginSegment"))
        .isEqualTo("threw java.lang.RuntimeException: (Sub)segment name cannot be null or blank.");
    assertThat(shim).containsOnlyKeys(real.keySet());
    assertThat(shim.get("beginSegment")).isEqualTo(real.get("beginSegment"));
    assertThat(documents(shim)).isEqualTo(documents(real)).hasSize(1);

    List<Span> spans = receiver.flush();
    assertThat(names(spans)).containsExactlyInAnyOrder("next", "next-child");
    assertThat(parentId(only(spans, "next-child"))).isEqualTo(spanId(only(spans, "next")));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void aNullOrBlankSubsegmentNameThrowsLikeTheRealSdkAndItsSiblingsAreKept(String name) {
    Map<String, Object> real = BadInputPrograms.real("subsegmentName", name);
    Map<String, Object> shim = BadInputPrograms.shim("subsegmentName", name);

    assertThat(real.get("beginSubsegment"))
        .isEqualTo("threw java.lang.RuntimeException: (Sub)segment name cannot be null or blank.");
    assertThat(shim.get("beginSubsegment")).isEqualTo(real.get("beginSubsegment"));
    assertThat(shim.get("current")).isEqualTo(real.get("current")).isEqualTo("parent");
    assertThat(documents(shim)).isEqualTo(documents(real)).hasSize(1);

    List<Span> spans = receiver.flush();
    assertThat(names(spans)).containsExactlyInAnyOrder("parent", "before", "after");
    String parent = spanId(only(spans, "parent"));
    assertThat(parentId(only(spans, "before"))).isEqualTo(parent);
    assertThat(parentId(only(spans, "after"))).isEqualTo(parent);
  }

  @Test
  void namesLongerThanTwoHundredCharactersAreKeptWholeLikeTheRealSdk() {
    String name = repeat("abcdefghij", 25);
    Map<String, Object> real = BadInputPrograms.real("segmentName", name);
    Map<String, Object> shim = BadInputPrograms.shim("segmentName", name);

    assertThat(real.get("beginSegment")).isEqualTo("returned an entity named " + name);
    assertThat(shim.get("beginSegment")).isEqualTo(real.get("beginSegment"));
    assertThat(shim.get("beginSubsegment")).isEqualTo(real.get("beginSubsegment"));
    assertThat(documents(shim)).isEqualTo(documents(real)).hasSize(2);
    assertThat(documents(real).get(0).path("name").asText()).hasSize(250);

    List<Span> spans = receiver.flush();
    assertThat(names(spans)).containsExactlyInAnyOrder(name, name, "next", "next-child");
  }

  @Test
  void aMebibyteNameIsKeptByTheApiButCutInTheSpanSoRequestsStayBounded() {
    String name = repeat("n", 1_100_000);
    Map<String, Object> real = BadInputPrograms.real("segmentName", name);
    Map<String, Object> shim = BadInputPrograms.shim("segmentName", name);

    // Compared without printing a megabyte on failure.
    assertThat(shim.get("beginSegment")).isEqualTo(real.get("beginSegment"));
    assertThat(documents(shim).equals(documents(real))).as("same documents as the real SDK").isTrue();
    assertThat(documents(shim).get(0).path("name").asText().equals(name)).as("whole name in the document").isTrue();

    List<Span> spans = receiver.flush();
    int limit = SpanLimits.DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH;
    assertThat(spans).extracting(s -> s.getName().length()).containsExactlyInAnyOrder(limit, limit, 4, 10);
    assertThat(spans).filteredOn(s -> s.getName().length() == limit)
        .allSatisfy(s -> assertThat(name.startsWith(s.getName())).isTrue());
    assertThat(names(spans)).contains("next", "next-child");
    assertThat(receiver.bodySizes()).allSatisfy(size -> assertThat(size).isLessThan(64 * 1024));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "a<b>c;d*e?f!g\"h{i}j[k]l|m^n~o`p'q$r",
    "slashes/and\\back:colon%p&a#h=e+q-@ space",
    "trailing space ",
    " leading",
  })
  void namesOutsideXRaysCharacterRulesAreKeptLikeTheRealSdk(String name) {
    Map<String, Object> real = BadInputPrograms.real("segmentName", name);
    Map<String, Object> shim = BadInputPrograms.shim("segmentName", name);

    assertThat(real.get("beginSegment")).isEqualTo("returned an entity named " + name);
    assertThat(shim.get("beginSegment")).isEqualTo(real.get("beginSegment"));
    assertThat(documents(shim)).isEqualTo(documents(real));

    List<Span> spans = receiver.flush();
    assertThat(names(spans)).containsExactlyInAnyOrder(name, name, "next", "next-child");
  }

  @Test
  @SuppressWarnings("unchecked")
  void nonAsciiNamesAndValuesMatchTheRealSdkAndReachTheReceiverAsValidOtlp() {
    Map<String, Object> real = BadInputPrograms.real("nonAscii");
    Map<String, Object> shim = BadInputPrograms.shim("nonAscii");
    List<String> names = (List<String>) BadInputPrograms.shimValue("nonAsciiNames");

    assertThat(shim.get("name")).isEqualTo(real.get("name")).isEqualTo(names.get(0));
    assertThat(documents(shim)).isEqualTo(documents(real)).hasSize(1);

    List<Span> spans = receiver.flush();
    assertThat(spans).hasSize(names.size());
    for (String name : names) {
      String expected = withoutLoneSurrogates(name);
      Span span = only(spans, expected);
      if (!name.equals(names.get(0))) {
        assertThat(attributes(span).get("n").getStringValue()).isEqualTo(expected);
      }
    }
    Span segment = only(spans, names.get(0));
    assertThat(attributes(segment).get("emoji").getStringValue()).isEqualTo("\ud83d\ude00 ok");
    assertThat(attributes(segment).get("lone_surrogate").getStringValue()).isEqualTo("x\ufffdy");
    assertThat(attributes(segment).get("aws.xray.metadata.default").getStringValue())
        .contains("\u05e9\u05dc\u05d5\u05dd \u4e2d\u6587 \\u0000\\u001F");
  }

  /** What a receiver decodes for a string: each lone surrogate becomes U+FFFD. */
  private static String withoutLoneSurrogates(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append('\ufffd');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String repeat(String s, int times) {
    char[] unit = s.toCharArray();
    char[] out = new char[unit.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(unit, 0, out, i * unit.length, unit.length);
    }
    return new String(out);
  }
}

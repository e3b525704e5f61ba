package dev.tracekit.compat.xray.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code TraceHeader}, {@code TraceID} and {@code SearchPattern} parse, format and match exactly as
 * the real SDK does: the same program runs on both (see {@link XRayReference}) and must report the
 * same. Random trace ids (what a malformed {@code Root} gives) are compared by shape only.
 */
class TraceHeaderReferenceTest {
  private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String PARENT = "53995c3f42cd8ad8";

  static Stream<String> headers() {
    return Stream.of(
        // Well formed, each sampling decision, fewer fields.
        "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1",
        "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=0",
        "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=?",
        "Root=" + ROOT + ";Sampled=1",
        "Root=" + ROOT,
        "Root=" + ROOT + ";Parent=" + PARENT,
        "Parent=" + PARENT,
        "Sampled=1",
        // Ordering.
        "Parent=" + PARENT + ";Root=" + ROOT + ";Sampled=1",
        "Sampled=0;Parent=" + PARENT + ";Root=" + ROOT,
        // Spaces.
        "Root=" + ROOT + "; Parent=" + PARENT + "; Sampled=1",
        " Root=" + ROOT + " ; Parent=" + PARENT + " ; Sampled=1 ",
        "Root = " + ROOT + ";Parent = " + PARENT + ";Sampled = 1",
        // Extra parameters, separators.
        "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=a87bd80c:1|68fd508a:5",
        "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Self=1-67891234-12456789abcdef012345678;Foo=bar",
        "Foo=bar;Root=" + ROOT,
        "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;",
        ";;Root=" + ROOT + ";;",
        "Root=" + ROOT + ",Parent=" + PARENT,
        "Root=" + ROOT + ";Root=1-67891234-12456789abcdef012345678",
        "Sampled=1;Sampled=0",
        "Root=" + ROOT + ";Sampled=1 ",
        "Root=" + ROOT + ";Sampled=?1",
        "Self=1-67891234-12456789abcdef0123456789",
        "self=x",
        "Root=" + ROOT + ";Foo=1;Bar=2;Baz=3",
        "Root=" + ROOT + ";Foo= bar ;  Baz =q",
        "Root=" + ROOT + ";Foo=a=b",
        // Keys are case-sensitive.
        "root=" + ROOT + ";parent=" + PARENT + ";sampled=1",
        "ROOT=" + ROOT,
        // Sampled values.
        "Root=" + ROOT + ";Sampled=2",
        "Root=" + ROOT + ";Sampled=true",
        "Root=" + ROOT + ";Sampled=",
        "Root=" + ROOT + ";Sampled=01",
        // Parent values are taken as they are.
        "Root=" + ROOT + ";Parent=;Sampled=1",
        "Root=" + ROOT + ";Parent=53995C3F42CD8AD8",
        "Root=" + ROOT + ";Parent=abc",
        // Malformed roots.
        "Root=1-5759E988-BD862E3FE1BE46A994272793",
        "Root=1-5759e988-bd862e3fe1be46a99427279",
        "Root=2-5759e988-bd862e3fe1be46a994272793",
        "Root=1-5759e988bd862e3fe1be46a994272793",
        "Root=5759e988bd862e3fe1be46a994272793",
        "Root=1-zzzzzzzz-bd862e3fe1be46a994272793",
        "Root=;Parent=" + PARENT,
        "Root=1-00000000-000000000000000000000000",
        "Root=1-ffffffff-ffffffffffffffffffffffff",
        // Not headers at all.
        "",
        " ",
        ";",
        "garbage",
        "=value",
        "key=");
  }

  @ParameterizedTest
  @MethodSource("headers")
  void traceHeaderParsesAndFormatsLikeTheRealSdk(String header) {
    Object real = XRayReference.REAL.call("scenarios.Headers", "traceHeader", header);
    Object shim = XRayReference.SHIM.call("scenarios.Headers", "traceHeader", header);
    assertThat(shim).as("TraceHeader.fromString(\"%s\")", header).isEqualTo(real);
  }

  @Test
  void nullSampleDecisionIsRejectedLikeTheRealSdk() {
    assertThat(XRayReference.REAL.call("scenarios.Headers", "nullDecision"))
        .isEqualTo("throws java.lang.IllegalArgumentException: Sample decision can not be null.");
    assertThat(XRayReference.SHIM.call("scenarios.Headers", "nullDecision"))
        .isEqualTo(XRayReference.REAL.call("scenarios.Headers", "nullDecision"));
  }

  @Test
  void nullHeaderParsesLikeTheRealSdk() {
    assertThat(XRayReference.SHIM.call("scenarios.Headers", "traceHeader", (Object) null))
        .isEqualTo(XRayReference.REAL.call("scenarios.Headers", "traceHeader", (Object) null));
  }

  static Stream<Arguments> builtHeaders() {
    return Stream.of(
        Arguments.of(ROOT, PARENT, "SAMPLED"),
        Arguments.of(ROOT, PARENT, "NOT_SAMPLED"),
        Arguments.of(ROOT, PARENT, "REQUESTED"),
        Arguments.of(ROOT, PARENT, "UNKNOWN"),
        Arguments.of(ROOT, null, "SAMPLED"),
        Arguments.of(ROOT, "", "SAMPLED"),
        Arguments.of(ROOT, "  ", "NOT_SAMPLED"),
        Arguments.of(null, PARENT, "UNKNOWN"),
        Arguments.of(null, null, "UNKNOWN"));
  }

  @ParameterizedTest
  @MethodSource("builtHeaders")
  void constructedHeaderFormatsLikeTheRealSdk(String root, String parent, String decision) {
    assertThat(XRayReference.SHIM.call("scenarios.Headers", "builtHeader", root, parent, decision))
        .isEqualTo(XRayReference.REAL.call("scenarios.Headers", "builtHeader", root, parent, decision));
  }

  @ParameterizedTest
  @MethodSource("sampleDecisions")
  void sampleDecisionParsesLikeTheRealSdk(String value) {
    assertThat(XRayReference.SHIM.call("scenarios.Headers", "sampleDecision", value))
        .isEqualTo(XRayReference.REAL.call("scenarios.Headers", "sampleDecision", value));
  }

  static List<String> sampleDecisions() {
    return Arrays.asList(
        "Sampled=1", "Sampled=0", "Sampled=?", "1", "0", "?", "", "sampled=1", "SAMPLED=1", "2", null);
  }

  static Stream<String> traceIds() {
    return Stream.of(
        ROOT,
        "1-00000000-000000000000000000000000",
        "1-ffffffff-ffffffffffffffffffffffff",
        "1-00000001-000000000000000000000001",
        " " + ROOT,
        ROOT + " ",
        "1-5759E988-BD862E3FE1BE46A994272793",
        "1-5759e988-bd862e3fe1be46a99427279",
        "1-5759e988-bd862e3fe1be46a9942727930",
        "2-5759e988-bd862e3fe1be46a994272793",
        "1_5759e988_bd862e3fe1be46a994272793",
        "5759e988bd862e3fe1be46a994272793",
        "1-5759e98g-bd862e3fe1be46a994272793",
        "1-5759e988-bd862e3fe1be46a99427279g",
        "",
        "garbage");
  }

  @ParameterizedTest
  @MethodSource("traceIds")
  void traceIdParsesLikeTheRealSdk(String id) {
    Object real = XRayReference.REAL.call("scenarios.Headers", "traceId", id);
    Object shim = XRayReference.SHIM.call("scenarios.Headers", "traceId", id);
    assertThat(shim).as("TraceID.fromString(\"%s\")", id).isEqualTo(real);
  }

  /**
   * The one deliberate difference: the real {@code TraceID.fromString(null)} throws a {@link
   * NullPointerException} into the app; the shim treats null like any malformed id.
   */
  @Test
  void nullTraceIdGivesARandomIdWhereTheRealSdkThrows() {
    assertThat(XRayReference.REAL.call("scenarios.Headers", "traceId", (Object) null))
        .isEqualTo(Collections.singletonMap("throws", "java.lang.NullPointerException"));
    assertThat(XRayReference.SHIM.call("scenarios.Headers", "traceId", (Object) null))
        .isEqualTo(XRayReference.SHIM.call("scenarios.Headers", "traceId", "malformed"));
  }

  @Test
  void newTraceIdsLookLikeTheRealSdks() {
    @SuppressWarnings("unchecked")
    Map<String, Object> real = (Map<String, Object>) XRayReference.REAL.call("scenarios.Headers", "newTraceIds");
    assertThat(XRayReference.SHIM.call("scenarios.Headers", "newTraceIds")).isEqualTo(real);
    assertThat(real).containsEntry("createShape", true);
  }

  @Test
  void traceIdSettersKeepWhatTheRealSdkKeeps() {
    @SuppressWarnings("unchecked")
    Map<String, Object> real = (Map<String, Object>) XRayReference.REAL.call("scenarios.Headers", "traceIdSetters");
    assertThat(XRayReference.SHIM.call("scenarios.Headers", "traceIdSetters")).isEqualTo(real);
    assertThat(real).containsEntry("startPlus2To32Equals", true);
  }

  static Stream<Arguments> wildcards() {
    return Stream.of(
        Arguments.of("*", "", null),
        Arguments.of("*", "anything at all", null),
        Arguments.of("", "", null),
        Arguments.of("", "a", null),
        Arguments.of("a", "", null),
        Arguments.of("?", "", null),
        Arguments.of("?", "a", null),
        Arguments.of("??", "a", null),
        Arguments.of("*?", "", null),
        Arguments.of("a*c", "abc", null),
        Arguments.of("a*c", "ac", null),
        Arguments.of("a*c", "abcd", null),
        Arguments.of("a?c", "abc", null),
        Arguments.of("a?c", "ac", null),
        Arguments.of("a*b*c", "aXXbYYc", null),
        Arguments.of("a*b*c", "aXXbYY", null),
        Arguments.of("**", "x", null),
        Arguments.of("*a", "aaaa", null),
        Arguments.of("a*a", "a", null),
        Arguments.of("*.example.com", "api.example.com", null),
        Arguments.of("*.example.com", "example.com", null),
        Arguments.of("/api/*", "/API/users", null),
        Arguments.of("/api/*", "/API/users", true),
        Arguments.of("/api/*", "/API/users", false),
        Arguments.of("GET", "get", false),
        Arguments.of("GET", "GET", false),
        Arguments.of("*/ping", "/health/ping", null),
        Arguments.of("x*y?z", "xabcyqz", null),
        Arguments.of("x*y?z", "xabcyz", null),
        // Unicode case folding is left out on purpose: for characters whose lower case changes
        // length (such as U+0130), the real SDK's result depends on its algorithm's quirks.
        Arguments.of("K", "\u212a", null),
        Arguments.of(null, "a", null),
        Arguments.of("a", null, null),
        Arguments.of(null, null, null),
        Arguments.of(null, "a", false));
  }

  @ParameterizedTest
  @MethodSource("wildcards")
  void wildcardMatchesLikeTheRealSdk(String pattern, String text, Boolean caseInsensitive) {
    Object real = XRayReference.REAL.call("scenarios.Headers", "wildcard", pattern, text, caseInsensitive);
    Object shim = XRayReference.SHIM.call("scenarios.Headers", "wildcard", pattern, text, caseInsensitive);
    assertThat(shim).as("wildcardMatch(%s, %s, %s)", pattern, text, caseInsensitive).isEqualTo(real);
  }
}

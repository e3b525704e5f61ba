package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The naming rules shared by both servlet APIs, as observed on the X-Ray SDK 2.21.0 strategies and
 * filter.
 */
class SegmentNamesTest {

  @Test
  void environmentVariableWinsOverTheSystemProperty() {
    assertThat(SegmentNames.overrideName("from-env", "from-property")).isEqualTo("from-env");
    assertThat(SegmentNames.overrideName(null, "from-property")).isEqualTo("from-property");
    assertThat(SegmentNames.overrideName(null, null)).isNull();
  }

  @Test
  void blankOverridesCountAsUnsetAndOthersAreKeptAsSet() {
    assertThat(SegmentNames.overrideName("  ", "from-property")).isEqualTo("from-property");
    assertThat(SegmentNames.overrideName("", "")).isNull();
    assertThat(SegmentNames.overrideName(null, " a b ")).isEqualTo(" a b ");
  }

  @Test
  void overrideReplacesTheFixedAndFallbackNames() {
    assertThat(SegmentNames.fixedName("svc", "override")).isEqualTo("override");
    assertThat(SegmentNames.fixedName("svc", null)).isEqualTo("svc");
    assertThat(SegmentNames.fallbackName("fallback", "override")).isEqualTo("override");
    assertThat(SegmentNames.fallbackName(null, null)).isNull();
  }

  @Test
  void hostIsUsedOnlyWhenItMatchesThePattern() {
    assertThat(SegmentNames.forHost("api.example.com", "*.example.com", "fb")).isEqualTo("api.example.com");
    assertThat(SegmentNames.forHost("API.Example.com", "*.example.com", "fb")).isEqualTo("API.Example.com");
    assertThat(SegmentNames.forHost("api.example.com:8080", "*.example.com", "fb")).isEqualTo("fb");
    assertThat(SegmentNames.forHost("a.b", "a.?", "fb")).isEqualTo("a.b");
    assertThat(SegmentNames.forHost("c.d", "a.b,c.d", "fb")).as("no lists").isEqualTo("fb");
    assertThat(SegmentNames.forHost(null, "*", "fb")).isEqualTo("fb");
    assertThat(SegmentNames.forHost("", "*", "fb")).isEmpty();
    assertThat(SegmentNames.forHost("a.b", "", "fb")).isEqualTo("fb");
  }

  @Test
  void fallbackInitParameterWinsOverFixedName() {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("fixedName", "fixed");
    parameters.put("dynamicNamingFallbackName", "fallback");

    assertThat(choose(parameters, null)).isEqualTo("dynamic(fallback,*)");
    parameters.put("dynamicNamingRecognizedHosts", "*.example.com");
    assertThat(choose(parameters, null)).isEqualTo("dynamic(fallback,*.example.com)");
  }

  @Test
  void blankInitParametersAreIgnored() {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("fixedName", " ");
    parameters.put("dynamicNamingFallbackName", "");
    parameters.put("dynamicNamingRecognizedHosts", "*.x");

    assertThat(choose(parameters, null)).isNull();
    assertThat(choose(parameters, "constructor")).isEqualTo("constructor");
    parameters.put("fixedName", " F ");
    assertThat(choose(parameters, "constructor")).as("names are not trimmed").isEqualTo("fixed( F )");
    parameters.put("dynamicNamingFallbackName", "D");
    parameters.put("dynamicNamingRecognizedHosts", "");
    assertThat(choose(parameters, null)).isEqualTo("dynamic(D,*)");
  }

  private static String choose(Map<String, String> parameters, String configured) {
    return SegmentNames.strategyFromInitParameters(
        parameters::get,
        configured,
        name -> "fixed(" + name + ")",
        (fallback, hosts) -> "dynamic(" + fallback + "," + hosts + ")");
  }
}

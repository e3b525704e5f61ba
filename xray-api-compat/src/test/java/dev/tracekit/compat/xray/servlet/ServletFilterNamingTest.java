package dev.tracekit.compat.xray.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.compat.core.trace.SpanData;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Segment names: fixed, dynamic by {@code Host}, from init parameters, and the override. */
class ServletFilterNamingTest extends ServletFilterHarness {

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void dynamicNamingUsesRecognizedHostsElseTheFallback(ServletContainer container)
      throws Exception {
    serve(container, FilterSetup.dynamic("fallback-svc", "*.example.com"));

    get(Endpoints.OK, "Host", "api.example.com");
    String recognized = nextSegment().getName();
    get(Endpoints.OK, "Host", "api.example.com:8080");
    String withPort = nextSegment().getName();
    get(Endpoints.OK, "Host", "other.org");
    String other = nextSegment().getName();

    assertThat(recognized).isEqualTo("api.example.com");
    assertThat(withPort).as("the port is part of the Host header that is matched").isEqualTo("fallback-svc");
    assertThat(other).isEqualTo("fallback-svc");
    assertThat(flushedSpans()).extracting(SpanData::getName)
        .containsExactly("api.example.com", "fallback-svc", "fallback-svc");
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void fixedNameInitParameterNamesSegments(ServletContainer container) throws Exception {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("fixedName", "from-web-xml");
    serve(container, FilterSetup.initParameters(parameters));

    get(Endpoints.OK);

    assertThat(nextSegment().getName()).isEqualTo("from-web-xml");
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void fallbackNameInitParameterWinsAndAcceptsEveryHost(ServletContainer container)
      throws Exception {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("fixedName", "ignored");
    parameters.put("dynamicNamingFallbackName", "fallback-svc");
    serve(container, FilterSetup.initParameters(parameters));

    get(Endpoints.OK);

    assertThat(nextSegment().getName()).isEqualTo("127.0.0.1:" + serverPort());
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void recognizedHostsInitParameterLimitsDynamicNames(ServletContainer container)
      throws Exception {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("dynamicNamingFallbackName", "fallback-svc");
    parameters.put("dynamicNamingRecognizedHosts", "*.example.com");
    serve(container, FilterSetup.initParameters(parameters));

    get(Endpoints.OK);
    String loopback = nextSegment().getName();
    get(Endpoints.OK, "Host", "shop.EXAMPLE.com");
    String recognized = nextSegment().getName();

    assertThat(loopback).isEqualTo("fallback-svc");
    assertThat(recognized).as("hosts match case-insensitively").isEqualTo("shop.EXAMPLE.com");
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void filterWithoutANameDoesNotStart(ServletContainer container) {
    assertThatThrownBy(() -> serve(container, FilterSetup.initParameters(new HashMap<>())))
        .isInstanceOf(Exception.class);
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void tracingNameSystemPropertyOverridesTheFixedName(ServletContainer container)
      throws Exception {
    System.setProperty("com.amazonaws.xray.strategy.tracingName", "overridden-svc");
    serve(container, FilterSetup.fixed("svc"));

    get(Endpoints.OK);

    assertThat(nextSegment().getName()).isEqualTo("overridden-svc");
    assertThat(flushedSpans()).extracting(SpanData::getName).containsExactly("overridden-svc");
  }
}

package com.amazonaws.xray.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The javax naming strategies (the jakarta ones share their logic, and the container tests run
 * both). Expected values observed on the X-Ray SDK 2.21.0 strategies.
 */
class SegmentNamingStrategyTest {
  private static final String PROPERTY = SegmentNamingStrategy.NAME_OVERRIDE_SYSTEM_PROPERTY_KEY;

  @AfterEach
  void clearOverride() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void constantsAreXRays() {
    assertThat(SegmentNamingStrategy.NAME_OVERRIDE_ENVIRONMENT_VARIABLE_KEY).isEqualTo("AWS_XRAY_TRACING_NAME");
    assertThat(PROPERTY).isEqualTo("com.amazonaws.xray.strategy.tracingName");
  }

  @Test
  void fixedNameIsUsedAsGiven() {
    assertThat(SegmentNamingStrategy.fixed(" a b ").nameForRequest(requestWithHost("h"))).isEqualTo(" a b ");
    assertThat(SegmentNamingStrategy.fixed("").nameForRequest(requestWithHost("h"))).isEmpty();
    assertThat(new FixedSegmentNamingStrategy(null).nameForRequest(requestWithHost("h"))).isNull();
  }

  @Test
  void dynamicNameIsTheHostHeaderWhenRecognized() {
    SegmentNamingStrategy strategy = SegmentNamingStrategy.dynamic("fallback", "*.example.com");

    assertThat(strategy.nameForRequest(requestWithHost("api.example.com"))).isEqualTo("api.example.com");
    assertThat(strategy.nameForRequest(requestWithHost("api.example.com:8443"))).isEqualTo("fallback");
    assertThat(strategy.nameForRequest(requestWithHost(null))).isEqualTo("fallback");
  }

  @Test
  void dynamicWithoutHostsAcceptsEveryHost() {
    assertThat(SegmentNamingStrategy.dynamic("fallback").nameForRequest(requestWithHost("a.b"))).isEqualTo("a.b");
    assertThat(new DynamicSegmentNamingStrategy("fallback", null).nameForRequest(requestWithHost("a.b")))
        .isEqualTo("a.b");
    assertThat(SegmentNamingStrategy.dynamic("fallback", "").nameForRequest(requestWithHost("a.b")))
        .as("an empty pattern matches only an empty host")
        .isEqualTo("fallback");
  }

  @Test
  void overrideSetBeforeBuildingReplacesFixedAndFallbackNames() {
    System.setProperty(PROPERTY, "overridden");

    SegmentNamingStrategy fixed = SegmentNamingStrategy.fixed("svc");
    SegmentNamingStrategy dynamic = SegmentNamingStrategy.dynamic("fallback", "*.example.com");

    assertThat(fixed.getOverrideName()).isEqualTo("overridden");
    assertThat(fixed.nameForRequest(requestWithHost("h"))).isEqualTo("overridden");
    assertThat(dynamic.nameForRequest(requestWithHost("other.org"))).isEqualTo("overridden");
    assertThat(dynamic.nameForRequest(requestWithHost("api.example.com")))
        .as("a recognized host still wins")
        .isEqualTo("api.example.com");
  }

  @Test
  void overrideIsReadWhenTheStrategyIsBuilt() {
    SegmentNamingStrategy before = SegmentNamingStrategy.fixed("svc");
    System.setProperty(PROPERTY, "late");

    assertThat(before.nameForRequest(requestWithHost("h"))).isEqualTo("svc");
    assertThat(before.getOverrideName()).isEqualTo("late");
    SegmentNamingStrategy custom = request -> "custom";
    assertThat(custom.getOverrideName()).isEqualTo("late");
  }

  /** A request that only answers its Host header: all a naming strategy reads. */
  private static HttpServletRequest requestWithHost(String host) {
    Map<String, String> headers = host == null ? Collections.<String, String>emptyMap() : Collections.singletonMap("host", host);
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            SegmentNamingStrategyTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getHeader")) {
                return headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}

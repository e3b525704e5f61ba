package com.amazonaws.xray.strategy.sampling.rule;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.strategy.sampling.reservoir.Reservoir;
import org.junit.jupiter.api.Test;

class SamplingRuleTest {
  @Test
  void aNewRuleHasNoPatternsAndUnsetTargets() {
    SamplingRule rule = new SamplingRule();

    assertThat(rule.getHost()).isNull();
    assertThat(rule.getFixedTarget()).isEqualTo(-1);
    assertThat(rule.getRate()).isEqualTo(-1.0f);
    assertThat(rule.getReservoir().getTracesPerSecond()).isEqualTo(-1);
    assertThat(rule)
        .hasToString(
            "\n"
                + "\thost: null\n"
                + "\thttp_method: null\n"
                + "\turl_path: null\n"
                + "\tfixed_target: -1\n"
                + "\trate: -1.0");
  }

  @Test
  void constructorArgumentsAreHostServiceMethodPathTargetRate() {
    SamplingRule rule = new SamplingRule("h", "svc", "GET", "/x", 3, 0.5f);

    assertThat(rule.getHost()).isEqualTo("h");
    assertThat(rule.getServiceName()).isEqualTo("svc");
    assertThat(rule.getHttpMethod()).isEqualTo("GET");
    assertThat(rule.getUrlPath()).isEqualTo("/x");
    assertThat(rule.getReservoir().getTracesPerSecond()).isEqualTo(3);
    assertThat(rule)
        .hasToString(
            "\n\thost: h\n\thttp_method: GET\n\turl_path: /x\n\tfixed_target: 3\n\trate: 0.5");
  }

  @Test
  void settingTheFixedTargetGivesANewReservoir() {
    SamplingRule rule = new SamplingRule();
    rule.setFixedTarget(7);

    assertThat(rule.getReservoir().getTracesPerSecond()).isEqualTo(7);
  }

  @Test
  void appliesToMatchesHostPathAndMethodIgnoringCaseAndNullValues() {
    SamplingRule rule = new SamplingRule("h*", "svc", "GET", "/x*", 3, 0.5f);

    assertThat(rule.appliesTo("HX", "/xy", "get")).isTrue();
    assertThat(rule.appliesTo("hx", "get", "/xy")).as("arguments are host, path, method").isFalse();
    assertThat(rule.appliesTo("svc", "/xy", "GET")).isFalse();
    assertThat(rule.appliesTo(null, null, null)).isTrue();
    assertThat(new SamplingRule(null, null, "*", "*", 0, 0).appliesTo("x", "/", "GET")).isFalse();
  }

  @Test
  void reservoirGrantsItsTracesPerSecond() {
    assertThat(new Reservoir().getTracesPerSecond()).isZero();
    assertThat(new Reservoir().take()).isFalse();
    assertThat(new Reservoir(-1).take()).isFalse();
    Reservoir two = new Reservoir(2);
    // Three takes in a row land in one second.
    assertThat(new boolean[] {two.take(), two.take(), two.take()})
        .containsExactly(true, true, false);
  }
}

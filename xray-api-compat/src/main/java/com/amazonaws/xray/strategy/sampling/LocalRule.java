package com.amazonaws.xray.strategy.sampling;

import com.amazonaws.xray.strategy.sampling.rand.Rand;
import com.amazonaws.xray.strategy.sampling.rule.SamplingRule;
import dev.tracekit.compat.xray.SamplingReservoir;
import java.util.function.LongSupplier;

/**
 * A validated local rule in use: its patterns, and its decision — up to {@code fixed_target}
 * requests per second from its reservoir, then {@code rate} of the rest by a random draw.
 * Thread-safe.
 */
final class LocalRule {
  private final SamplingRule rule;
  private final SamplingReservoir reservoir;
  private final double rate;
  private final Rand rand;

  LocalRule(SamplingRule rule, LongSupplier nanoClock, Rand rand) {
    this.rule = rule;
    this.reservoir = new SamplingReservoir(rule.getFixedTarget(), nanoClock);
    this.rate = rule.getRate();
    this.rand = rand;
  }

  /**
   * Returns true when the request's host, URL path and method match this rule. A value the request
   * lacks counts as empty, so only patterns such as {@code *} match it.
   */
  boolean appliesTo(SamplingRequest request) {
    return rule.appliesTo(
        request.getHost().orElse(""), request.getUrl().orElse(""), request.getMethod().orElse(""));
  }

  /** Decides one request this rule applies to. */
  boolean sample() {
    return reservoir.take() || rand.next() < rate;
  }

  @Override
  public String toString() {
    return "LocalRule{" + rule.toString().replace("\n\t", " ").trim() + "}";
  }
}

package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;

/** A sampler that always answers the same. */
enum FixedSampler implements Sampler {
  ALWAYS_ON(true, "AlwaysOnSampler"),
  ALWAYS_OFF(false, "AlwaysOffSampler");

  private final boolean decision;
  private final String description;

  FixedSampler(boolean decision, String description) {
    this.decision = decision;
    this.description = description;
  }

  @Override
  public boolean shouldSample(
      SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    return decision;
  }

  @Override
  public String getDescription() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}

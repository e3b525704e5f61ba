package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;

/** Follows a parent's decision, and asks a root sampler when there is none. */
final class ParentBasedSampler implements Sampler {
  private final Sampler root;

  ParentBasedSampler(Sampler root) {
    this.root = root;
  }

  @Override
  public boolean shouldSample(
      SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    if (parent.isValid() && !parent.isSamplingDeferred()) {
      return parent.isSampled();
    }
    return root.shouldSample(parent, traceIdHigh, traceIdLow, name, kind);
  }

  @Override
  public String getDescription() {
    return "ParentBased{root:" + root.getDescription() + "}";
  }

  @Override
  public String toString() {
    return getDescription();
  }
}

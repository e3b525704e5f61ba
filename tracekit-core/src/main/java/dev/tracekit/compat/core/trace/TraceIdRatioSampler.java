package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;

/**
 * Samples a fixed fraction of traces by comparing the trace id's random low 64 bits with a bound,
 * so the decision is the same wherever the trace id is seen.
 */
final class TraceIdRatioSampler implements Sampler {
  private final double ratio;
  private final long idUpperBound;

  private TraceIdRatioSampler(double ratio) {
    this.ratio = ratio;
    if (ratio == 0.0) {
      idUpperBound = Long.MIN_VALUE;
    } else if (ratio == 1.0) {
      idUpperBound = Long.MAX_VALUE;
    } else {
      idUpperBound = (long) (ratio * Long.MAX_VALUE);
    }
  }

  static Sampler create(double ratio) {
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new IllegalArgumentException("ratio must be within [0, 1], got " + ratio);
    }
    return new TraceIdRatioSampler(ratio);
  }

  @Override
  public boolean shouldSample(
      SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    if (idUpperBound == Long.MAX_VALUE) {
      return true;
    }
    // Math.abs(Long.MIN_VALUE) stays negative, which still compares below any positive bound.
    return Math.abs(traceIdLow) < idUpperBound;
  }

  @Override
  public String getDescription() {
    return "TraceIdRatioBased{" + ratio + "}";
  }

  @Override
  public String toString() {
    return getDescription();
  }
}

package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;

/**
 * Decides, when a span starts, whether it is recorded and exported. Called on the app thread for
 * every new span: implementations must be fast, pure and never throw.
 *
 * <p>The default is {@code parentBased(traceIdRatioBased(rate))}: a child follows its parent, and a
 * root is sampled by its trace id, so every service that sees the same trace id decides alike.
 */
public interface Sampler {

  /**
   * Returns true when the span should be recorded.
   *
   * @param parent the parent context, {@link SpanContext#invalid()} for a root
   * @param traceIdHigh first 8 bytes of the span's trace id
   * @param traceIdLow last 8 bytes of the span's trace id (random for generated ids)
   */
  boolean shouldSample(
      SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind);

  /** Returns a short description, such as {@code TraceIdRatioBased{0.25}}. */
  String getDescription();

  /** Samples every span. */
  static Sampler alwaysOn() {
    return FixedSampler.ALWAYS_ON;
  }

  /** Samples no span. */
  static Sampler alwaysOff() {
    return FixedSampler.ALWAYS_OFF;
  }

  /**
   * Samples the fraction {@code ratio} of traces, deterministically by the low 64 bits of the trace
   * id.
   *
   * @throws IllegalArgumentException when {@code ratio} is not within [0, 1]
   */
  static Sampler traceIdRatioBased(double ratio) {
    return TraceIdRatioSampler.create(ratio);
  }

  /**
   * Follows the parent's decision when there is a parent that decided, and asks {@code root}
   * otherwise (a new root, or a remote parent that left the decision to us).
   */
  static Sampler parentBased(Sampler root) {
    return new ParentBasedSampler(root);
  }
}

package dev.tracekit.compat.bench;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;

/** The OpenTelemetry SDK with its defaults, for {@link PacedRun} (kept apart: OTel's classes). */
final class PacedOtel {
  private final OtelPipeline pipeline;

  PacedOtel(String endpoint) {
    this.pipeline = OtelPipeline.create(Sampler.parentBased(Sampler.alwaysOn()), endpoint, 0);
  }

  void request() {
    OtelBenchmark.request(pipeline.tracer);
  }

  void flush() {
    pipeline.provider.forceFlush().join(60, TimeUnit.SECONDS);
  }
}

package dev.tracekit.compat.bench;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry Java SDK as a user sets it up: a tracer provider with a {@link
 * BatchSpanProcessor} (default queue, batch and delay) and the OTLP/HTTP exporter (default
 * protobuf encoding and OkHttp sender) posting to the loopback sink.
 */
final class OtelPipeline {
  final SdkTracerProvider provider;
  final Tracer tracer;

  private OtelPipeline(SdkTracerProvider provider) {
    this.provider = provider;
    this.tracer = provider.get("bench");
  }

  /** Builds a pipeline that samples every trace, or none. */
  static OtelPipeline create(boolean sampled, String endpoint) {
    return create(sampled ? Sampler.parentBased(Sampler.alwaysOn()) : Sampler.alwaysOff(), endpoint, 0);
  }

  /** As {@link #create(boolean, String)}, with the queue bound {@code maxQueueSize} (0: default). */
  static OtelPipeline create(Sampler sampler, String endpoint, int maxQueueSize) {
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
    io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder processor =
        BatchSpanProcessor.builder(exporter);
    if (maxQueueSize > 0) {
      processor.setMaxQueueSize(maxQueueSize);
    }
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "bench"))))
            .setSampler(sampler)
            .addSpanProcessor(processor.build())
            .build();
    return new OtelPipeline(provider);
  }

  /** Exports what is queued and stops, waiting at most 30 s. */
  void shutdown() {
    provider.shutdown().join(30, TimeUnit.SECONDS);
  }
}

package dev.tracekit.compat.bench;

import dev.tracekit.compat.bench.sink.LoopbackSink;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The end-to-end run through the OpenTelemetry SDK: default BatchSpanProcessor (queue 2048, batch
 * 512, 5 s delay) unless a queue bound is given, OTLP/HTTP protobuf. OTel does not expose its drop
 * count without a meter provider, so drops are produced minus received after a flush that returned
 * success (the sink answers 200 to every request, so nothing fails).
 */
final class OtelEndToEnd {
  private static final int SPANS_PER_REQUEST = 4;
  private static final long QUIET_MILLIS = 3_000;

  private OtelEndToEnd() {}

  static Outcome run(int threads, int requestsPerThread, LoopbackSink sink, int maxQueue)
      throws InterruptedException {
    OtelPipeline pipeline =
        OtelPipeline.create(Sampler.parentBased(Sampler.alwaysOn()), sink.otlpEndpoint(), maxQueue);
    LongSupplier received = sink::otlpSpans;
    Runnable request = () -> OtelBenchmark.request(pipeline.tracer);

    int warmUp = Math.max(1, requestsPerThread / 10);
    long[] warmWindow = Producers.run(threads, warmUp, request);
    pipeline.provider.forceFlush().join(60, TimeUnit.SECONDS);
    Delivery.awaitLastChange(received, (long) warmUp * threads * SPANS_PER_REQUEST, warmWindow[1], QUIET_MILLIS);

    long received0 = received.getAsLong();
    long[] window = Producers.run(threads, requestsPerThread, request);
    long produced = (long) requestsPerThread * threads * SPANS_PER_REQUEST;
    boolean flushed = pipeline.provider.forceFlush().join(60, TimeUnit.SECONDS).isSuccess();
    LongSupplier receivedNow = () -> received.getAsLong() - received0;
    long last = Delivery.awaitLastChange(receivedNow, produced, window[0], QUIET_MILLIS);
    long got = receivedNow.getAsLong();
    Outcome outcome =
        EndToEnd.measured(maxQueue > 0 ? "otel-queue-" + maxQueue : "otel", threads, produced, got, window, last)
            .put("flushed", flushed)
            .put("dropped", produced - got)
            .put("dropMethod", "produced − received, after a flush that succeeded")
            .put("malformed", sink.otlpMalformed());
    pipeline.shutdown();
    return outcome;
  }
}

package dev.tracekit.compat.bench;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.tracekit.compat.bench.sink.LoopbackSink;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * The end-to-end run through the X-Ray API, compiled against the real SDK: on its class path each
 * segment leaves as one UDP datagram sent on the app thread; on the shim's, each entity becomes a
 * span exported over OTLP/HTTP by the shim's default pipeline (queue 8192, batch 512, 1 s delay,
 * 2 concurrent exports).
 */
final class XRayEndToEnd {
  private static final int SPANS_PER_REQUEST = 4;
  private static final long QUIET_MILLIS = 3_000;
  private static final long FLUSH_MILLIS = 60_000;

  private XRayEndToEnd() {}

  static Outcome run(String contender, int threads, int requestsPerThread, LoopbackSink sink)
      throws IOException, InterruptedException {
    System.setProperty(SinkProperties.DAEMON_ADDRESS, sink.daemonAddress());
    System.setProperty(SinkProperties.TRACEKIT_ENDPOINT, sink.otlpEndpoint());
    boolean shim = Contender.isShim();
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
    LongSupplier received = shim ? sink::otlpSpans : sink::xrayEntities;
    Runnable request = () -> XRayApiBenchmark.request(recorder);

    // Warm-up, delivered before the measured run starts.
    int warmUp = Math.max(1, requestsPerThread / 10);
    long[] warmWindow = Producers.run(threads, warmUp, request);
    settle(shim, received, (long) warmUp * threads * SPANS_PER_REQUEST, warmWindow[1]);

    long received0 = received.getAsLong();
    long[] counts0 = shim ? ShimReport.counts() : null;
    long[] window = Producers.run(threads, requestsPerThread, request);
    long produced = (long) requestsPerThread * threads * SPANS_PER_REQUEST;
    LongSupplier receivedNow = () -> received.getAsLong() - received0;
    Outcome outcome;
    if (shim) {
      boolean flushed = ShimReport.flush(FLUSH_MILLIS);
      long[] counts = ShimReport.counts();
      long ended = counts[ShimReport.ENDED] - counts0[ShimReport.ENDED];
      long exported = counts[ShimReport.EXPORTED] - counts0[ShimReport.EXPORTED];
      long dropped = counts[ShimReport.DROPPED] - counts0[ShimReport.DROPPED];
      long failed = counts[ShimReport.FAILED] - counts0[ShimReport.FAILED];
      long last = Delivery.awaitLastChange(receivedNow, exported, window[0], QUIET_MILLIS);
      long got = receivedNow.getAsLong();
      outcome =
          EndToEnd.measured(contender, threads, produced, got, window, last)
              .put("flushed", flushed)
              .put("ended", ended)
              .put("exported", exported)
              .put("dropped", dropped)
              .put("failed", failed)
              .put("queued", counts[ShimReport.QUEUED])
              .put("dropMethod", "PipelineStats (queue full)")
              .put("accounted", got + dropped + failed == produced && ended == produced);
    } else {
      long last = Delivery.awaitLastChange(receivedNow, produced, window[0], QUIET_MILLIS);
      long got = receivedNow.getAsLong();
      outcome =
          EndToEnd.measured(contender, threads, produced, got, window, last)
              .put("dropped", produced - got)
              .put("dropMethod", "produced − received (datagrams lost in the kernel)");
    }
    return outcome;
  }

  /** Waits until the warm-up is delivered, so it does not overlap the measured run. */
  private static void settle(boolean shim, LongSupplier received, long expected, long since)
      throws InterruptedException {
    long target = expected;
    if (shim) {
      ShimReport.flush(FLUSH_MILLIS);
      target = ShimReport.counts()[ShimReport.EXPORTED];
    }
    Delivery.awaitLastChange(received, target, since, QUIET_MILLIS);
  }
}

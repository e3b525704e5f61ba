package dev.tracekit.compat.bench;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.tracekit.compat.bench.sink.LoopbackSink;
import java.io.IOException;

/**
 * The X-Ray API contenders for {@link PacedRun} (the real SDK or the shim, whichever the class
 * path holds), kept apart so that the OpenTelemetry run never loads an X-Ray class.
 */
final class PacedXRay {
  private PacedXRay() {}

  /** Returns scenario (b)'s request on a recorder that sends to {@code sink}. */
  static Runnable request(LoopbackSink sink) throws IOException {
    System.setProperty(SinkProperties.DAEMON_ADDRESS, sink.daemonAddress());
    System.setProperty(SinkProperties.TRACEKIT_ENDPOINT, sink.otlpEndpoint());
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
    return () -> XRayApiBenchmark.request(recorder);
  }
}

package dev.tracekit.compat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.OtlpProtocol;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Runs X-Ray API calls on the shim with the real TraceKit pipeline exporting OTLP/HTTP JSON (set
 * explicitly: protobuf is the default) to a loopback receiver (the test kit's {@link ScriptedOtlpReceiver}, answering 200), and hands back the
 * JSON bodies it received.
 */
final class ShimRun implements AutoCloseable {
  private final ScriptedOtlpReceiver receiver = new ScriptedOtlpReceiver().answerOk();
  private final MockWebServer server = receiver.server();
  final AWSXRayRecorder recorder;

  ShimRun() throws IOException {
    receiver.start();
    TraceKit.init(
        TraceKitConfig.builder()
            .setEndpoint(receiver.endpoint())
            .setApiKey(TestSecrets.API_KEY)
            .setProtocol(OtlpProtocol.HTTP_JSON)
            .setShutdownHook(false)
            .build());
    recorder = AWSXRayRecorderBuilder.standard().build();
  }

  /** Flushes TraceKit and returns every OTLP JSON body received so far. */
  List<String> flushAndTakeBodies() throws InterruptedException {
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).as("TraceKit.flush").isTrue();
    List<String> bodies = new ArrayList<>();
    int requests = server.getRequestCount();
    for (int i = 0; i < requests; i++) {
      RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
      assertThat(request).as("an OTLP request the server counted").isNotNull();
      bodies.add(request.getBody().readString(StandardCharsets.UTF_8));
    }
    return bodies;
  }

  @Override
  public void close() throws IOException {
    recorder.clearTraceEntity();
    TraceKit.shutdown();
    receiver.close();
  }
}

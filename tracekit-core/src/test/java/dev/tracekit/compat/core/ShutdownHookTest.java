package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.export.OtlpTestSupport;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs a separate JVM that initializes TraceKit, ends spans and exits without calling shutdown: the
 * shutdown hook must deliver the spans before the process is gone.
 */
class ShutdownHookTest {
  private final ScriptedOtlpReceiver receiver = new ScriptedOtlpReceiver();
  private MockWebServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = receiver.start().server();
  }

  @AfterEach
  void stopServer() throws Exception {
    receiver.close();
    receiver.assertEveryPayloadWasValid();
  }

  @Test
  void jvmExitFlushesQueuedSpans() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200).setBody("{}"));
    String endpoint = server.url("/v1/traces").toString();

    ChildJvm.Result run = ChildJvm.of(ExitingApp.class).args(endpoint).run("shutdown-hook");
    System.out.print(run.output);
    assertThat(run.exitCode).as("exit code; output:\n%s", run.output).isZero();

    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).as("a request arrived before the JVM exited").isNotNull();
    assertThat(OtlpTestSupport.allSpans(OtlpTestSupport.parseRequest(request)))
        .extracting(io.opentelemetry.proto.trace.v1.Span::getName)
        .containsExactlyInAnyOrder("exit-span-1", "exit-span-2");
    assertThat(request.getHeader("X-API-Key")).isEqualTo(TestSecrets.API_KEY);
  }

  /**
   * The child JVM: a long schedule delay keeps the spans queued, so only the exit hook can send
   * them.
   */
  static final class ExitingApp {
    public static void main(String[] args) {
      TraceKit.init(
          TestSecrets.API_KEY,
          TraceKit.withEndpoint(args[0]),
          TraceKit.withService("exit-test"),
          TraceKit.withScheduleDelay(1, TimeUnit.HOURS));
      TraceKit.startSpan("exit-span-1").close();
      TraceKit.startSpan("exit-span-2").close();
      // Returning from main with spans still queued: the shutdown hook has to flush them.
    }
  }
}

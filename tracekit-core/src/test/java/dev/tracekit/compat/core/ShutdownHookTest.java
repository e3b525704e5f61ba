package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.export.OtlpTestSupport;
import dev.tracekit.compat.core.export.ProtoCheckingDispatcher;
import dev.tracekit.compat.core.secrets.SecretLeakGuard;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
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
  private final ProtoCheckingDispatcher payloads = new ProtoCheckingDispatcher();
  private MockWebServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(payloads);
    server.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.shutdown();
    payloads.assertEveryPayloadWasValid();
  }

  @Test
  void jvmExitFlushesQueuedSpans() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(200).setBody("{}"));
    String endpoint = server.url("/v1/traces").toString();

    File output = File.createTempFile("shutdown-hook", ".log");
    try {
      Process process = startJvm(output, ExitingApp.class.getName(), endpoint);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM exited").isTrue();
      String printed = new String(Files.readAllBytes(output.toPath()), StandardCharsets.UTF_8);
      System.out.print(printed);
      SecretLeakGuard.inspect("output of the child JVM of ShutdownHookTest", printed);
      assertThat(process.exitValue()).as("exit code; output:\n%s", printed).isZero();
    } finally {
      Files.deleteIfExists(output.toPath());
    }

    RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(request).as("a request arrived before the JVM exited").isNotNull();
    assertThat(OtlpTestSupport.allSpans(OtlpTestSupport.parseRequest(request)))
        .extracting(io.opentelemetry.proto.trace.v1.Span::getName)
        .containsExactlyInAnyOrder("exit-span-1", "exit-span-2");
    assertThat(request.getHeader("X-API-Key")).isEqualTo(TestSecrets.API_KEY);
  }

  private static Process startJvm(File output, String mainClass, String... args) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    for (String arg : args) {
      command.add(arg);
    }
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
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

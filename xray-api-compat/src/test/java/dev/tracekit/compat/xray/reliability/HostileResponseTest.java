package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.export.LogCapture;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that answers 200 with a body meant to hurt: endless, or carrying a huge rejection
 * message. Reading it stays within the export timeout and the logs stay small.
 */
class HostileResponseTest {
  private final ScriptedOtlpReceiver backend = new ScriptedOtlpReceiver().behave(spans -> new MockResponse());

  @BeforeEach
  void start() throws IOException {
    backend.start(0);
  }

  @AfterEach
  void stop() throws IOException {
    TraceKit.shutdown();
    backend.close();
    backend.assertEveryPayloadWasValid();
  }

  @Test
  void a200WhoseBodyNeverEndsIsCutOffByTheExportTimeout() {
    Buffer endless = new Buffer();
    for (int i = 0; i < 8 * 1024; i++) {
      endless.writeUtf8("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
    }
    // 512 KiB at 1 KiB per second: minutes, against a 1 s export timeout.
    backend.behave(
        spans -> new MockResponse().setBody(endless.clone()).throttleBody(1024, 1, TimeUnit.SECONDS));
    TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 1_000);
    app.produce("endless", 5);
    PipelineStats stats = app.flushAndAccount();
    // The status line said 200: the receiver has the spans.
    assertThat(stats.getSpansExported()).isEqualTo(10);

    backend.behave(spans -> new MockResponse());
    BackendFaultsTest.assertRecovers(app, stats, backend);
  }

  @Test
  void aHugeRejectionMessageCountsTheRejectedSpansAndIsLoggedShort() {
    StringBuilder message = new StringBuilder();
    for (int i = 0; i < 2 * 1024 * 1024; i++) {
      message.append('m');
    }
    String body =
        "{\"partialSuccess\":{\"rejectedSpans\":\"3\",\"errorMessage\":\"" + message + "\"}}";
    backend.behave(spans -> new MockResponse().setBody(body));
    try (LogCapture logs = new LogCapture()) {
      TracedApp app = TracedApp.start(backend.endpoint(), 64, 64, 5_000);
      app.produce("rejected", 5);
      PipelineStats stats = app.flushAndAccount();
      assertThat(stats.getSpansFailed()).isEqualTo(3);
      assertThat(stats.getSpansExported()).isEqualTo(7);
      assertThat(logs.messagesAt(Level.WARNING))
          .anySatisfy(m -> assertThat(m).contains("rejected 3 of 10"));
      for (LogRecord record : logs.records()) {
        assertThat(String.valueOf(record.getMessage()).length())
            .as("length of a log message")
            .isLessThan(4096);
      }
    }
  }
}

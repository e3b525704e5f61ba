package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.export.LoopbackOtlpReceiver.Fault;
import dev.tracekit.compat.core.export.LoopbackOtlpReceiver;
import dev.tracekit.compat.core.export.OtlpTestSupport;
import dev.tracekit.compat.core.trace.PipelineStats;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that resets the TCP connection (RST, not a clean close), before answering or in the
 * middle of its answer: nothing reaches the app, the spans are counted, and later ones arrive.
 */
class ConnectionResetTest {
  private LoopbackOtlpReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = LoopbackOtlpReceiver.start().recordBodies();
  }

  @AfterEach
  void stop() throws Exception {
    TraceKit.shutdown();
    receiver.close();
  }

  @Test
  void aResetBeforeTheResponseIsRetriedAndTheBatchDelivered() throws Exception {
    receiver.failNextRequests(Fault.RESET);
    TracedApp app = TracedApp.start(receiver.endpoint(), 64, 64, 5_000);
    app.produce("reset-early", 5);
    PipelineStats stats = app.flushAndAccount();
    assertThat(stats.getSpansFailed()).isZero();
    assertThat(stats.getSpansExported()).isEqualTo(10);
    assertThat(receiver.receivedBodies()).hasSize(2);
  }

  @Test
  void aResetInTheMiddleOfA200CountsTheSpansAsDeliveredAndTheNextBatchArrives() throws Exception {
    receiver.failNextRequests(Fault.RESET_MID_ANSWER);
    TracedApp app = TracedApp.start(receiver.endpoint(), 64, 64, 5_000);
    app.produce("reset-late", 5);
    PipelineStats first = app.flushAndAccount();
    // The status line said 200: the receiver has the spans, so they are not sent twice.
    assertThat(first.getSpansExported()).isEqualTo(10);
    assertThat(receiver.receivedBodies()).hasSize(1);

    app.produce("recovered", 5);
    PipelineStats after = app.flushAndAccount();
    assertThat(after.getSpansExported()).isEqualTo(20);
    List<LoopbackOtlpReceiver.Body> requestBodies = receiver.receivedBodies();
    assertThat(requestBodies).hasSize(2);
    assertThat(OtlpTestSupport.allSpans(requestBodies.get(1).parse()))
        .extracting(Span::getName)
        .contains("recovered-4-sub");
  }
}

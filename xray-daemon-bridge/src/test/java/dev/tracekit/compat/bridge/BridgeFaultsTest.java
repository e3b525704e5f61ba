package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TraceKit down or slow while datagrams keep coming: the bridge keeps receiving, its queue stays
 * within its bound, what it cannot deliver is counted as dropped or failed, and the summary's counts
 * add up.
 */
class BridgeFaultsTest {
  private static final int QUEUE = 64;
  private static final int BURSTS = 10;
  private static final int PER_BURST = 15;
  private static final int SPANS_PER_DATAGRAM = 9; // go-segment.json

  private Bridge bridge;

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void tracekitDownConnectionRefused() throws Exception {
    ScriptedOtlpReceiver closed = new ScriptedOtlpReceiver().start(0);
    String endpoint = closed.endpoint();
    closed.close(); // nothing listens there now: every connection is refused
    bridge = Bridges.start(config(endpoint, 1));

    List<Long> received = sendInBursts();

    assertThat(received).as("the bridge keeps receiving").isSorted().doesNotHaveDuplicates();
    bridge.close();
    PipelineStats stats = bridge.pipelineStats();
    assertThat(stats.getSpansExported()).isZero();
    assertThat(stats.getSpansEnded()).isEqualTo((long) BURSTS * PER_BURST * SPANS_PER_DATAGRAM);
    assertThat(stats.getSpansDropped() + stats.getSpansFailed()).isEqualTo(stats.getSpansEnded());
    assertThat(stats.getSpansDroppedQueueFull()).isPositive();
    assertThat(stats.getSpansFailed()).isPositive();
    String summary = Bridges.summary(bridge);
    assertThat(summary).contains("last failure");
    Bridges.assertSummaryAddsUp(summary);
    Bridges.assertCountsAddUp(bridge);
  }

  @Test
  void tracekitSlowHoldingEveryAnswer() throws Exception {
    try (ScriptedOtlpReceiver collector = new ScriptedOtlpReceiver().start(0).answerOk()) {
      collector.hold();
      bridge = Bridges.start(config(collector.endpoint(), 30));

      List<Long> received = sendInBursts();

      assertThat(received).as("the bridge keeps receiving").isSorted().doesNotHaveDuplicates();
      assertThat(collector.awaitRequest()).as("an export is waiting for its answer").isTrue();
      assertThat(bridge.pipelineStats().getSpansDroppedQueueFull()).isPositive();
      collector.release();
      bridge.close();
      PipelineStats stats = bridge.pipelineStats();
      assertThat(stats.getSpansExported()).isPositive();
      assertThat(stats.getSpansEnded()).isEqualTo((long) BURSTS * PER_BURST * SPANS_PER_DATAGRAM);
      assertThat(collector.spans()).hasSize((int) stats.getSpansExported());
      collector.assertEveryPayloadWasValid();
      Bridges.assertSummaryAddsUp(Bridges.summary(bridge));
      Bridges.assertCountsAddUp(bridge);
    }
  }

  /**
   * Sends bursts of segments, waiting after each until the bridge has taken them; checks the queue
   * bound after each; returns the datagram count after each burst.
   */
  private List<Long> sendInBursts() throws Exception {
    List<byte[]> burst = new ArrayList<>(Collections.nCopies(PER_BURST, Fixtures.bytes("go-segment.json")));
    List<Long> received = new ArrayList<>();
    for (int i = 1; i <= BURSTS; i++) {
      Bridges.send(bridge, burst);
      Bridges.awaitDatagrams(bridge, (long) i * PER_BURST);
      received.add(bridge.counts().datagrams.sum());
      assertThat(bridge.pipelineStats().getSpansQueued()).as("queued after burst %s", i).isLessThanOrEqualTo(QUEUE);
    }
    assertThat(bridge.counts().segments.sum()).isEqualTo((long) BURSTS * PER_BURST);
    return received;
  }

  private static TraceKitConfig config(String endpoint, long exportTimeoutSeconds) {
    return TraceKitConfig.builder()
        .setEndpoint(endpoint)
        .setApiKey(TestSecrets.API_KEY)
        .setMaxQueueSize(QUEUE)
        .setMaxExportBatchSize(16)
        .setScheduleDelay(5, TimeUnit.MILLISECONDS)
        .setExportTimeout(exportTimeoutSeconds, TimeUnit.SECONDS)
        .setShutdownHook(false)
        .build();
  }
}

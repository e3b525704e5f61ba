package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An in-process bridge on loopback ports of the system's choosing, and what its summary says. */
final class Bridges {
  private Bridges() {}

  /** Builds and starts a bridge on 127.0.0.1:0 (both), with {@code extraArgs}, exporting per {@code config}. */
  static Bridge start(TraceKitConfig config, String... extraArgs) throws Exception {
    List<String> args = new ArrayList<>();
    Collections.addAll(args, "-b", "127.0.0.1:0", "-t", "127.0.0.1:0");
    Collections.addAll(args, extraArgs);
    BridgeOptions options =
        BridgeOptions.parse(args.toArray(new String[0]), Collections.<String, String>emptyMap());
    Bridge bridge = new Bridge(options, config, SamplingRules.xrayDefault());
    bridge.start();
    return bridge;
  }

  /** Sends each datagram to the bridge's UDP port from a socket of its own. */
  static void send(Bridge bridge, List<byte[]> datagrams) throws IOException {
    try (DatagramSocket sender = new DatagramSocket()) {
      sender.setSendBufferSize(1 << 20);
      for (byte[] datagram : datagrams) {
        sender.send(new DatagramPacket(datagram, datagram.length, bridge.udpAddress()));
      }
    }
  }

  /** Waits until the bridge has received and dealt with {@code count} datagrams. */
  static void awaitDatagrams(Bridge bridge, long count) {
    Eventually.until(
        count + " datagrams taken",
        () -> bridge.counts().datagrams.sum() >= count && bridge.counts().handled() >= count,
        () -> summary(bridge));
  }

  static String summary(Bridge bridge) {
    return Bridge.summaryLine(bridge.counts(), bridge.pipelineStats(), 0, bridge.samplingCounts());
  }

  /**
   * Checks that the summary's counts add up: datagrams = segments + subsegments sent alone + in
   * progress + dropped with the intake behind + malformed, malformed = the sum of its reasons,
   * spans ended = exported + dropped + failed + queued + in flight.
   */
  static void assertSummaryAddsUp(String line) {
    Matcher m =
        Pattern.compile(
                "(\\d+) datagrams \\((\\d+) segments, (\\d+) subsegments sent alone, (\\d+) in progress, "
                    + "(\\d+) dropped with the intake behind, (\\d+) malformed: "
                    + "no header (\\d+), not JSON (\\d+), truncated (\\d+), not a segment (\\d+)\\); "
                    + "spans ended (\\d+): exported (\\d+), dropped (\\d+), failed (\\d+), queued (\\d+), "
                    + "in flight (\\d+)")
            .matcher(line);
    assertThat(m.find()).as("summary shape: %s", line).isTrue();
    long[] n = new long[17];
    for (int i = 1; i <= 16; i++) {
      n[i] = Long.parseLong(m.group(i));
    }
    assertThat(n[1]).as("datagrams = segments + sent alone + in progress + dropped + malformed: %s", line)
        .isEqualTo(n[2] + n[3] + n[4] + n[5] + n[6]);
    assertThat(n[6]).as("malformed = its reasons: %s", line).isEqualTo(n[7] + n[8] + n[9] + n[10]);
    assertThat(n[11]).as("ended = exported + dropped + failed + queued + in flight: %s", line)
        .isEqualTo(n[12] + n[13] + n[14] + n[15] + n[16]);
  }

  /** The same check on the live counts. */
  static void assertCountsAddUp(Bridge bridge) {
    BridgeCounts c = bridge.counts();
    assertThat(c.datagrams.sum()).isEqualTo(c.handled());
    PipelineStats p = bridge.pipelineStats();
    assertThat(p.getSpansEnded())
        .isEqualTo(p.getSpansExported() + p.getSpansDropped() + p.getSpansFailed() + p.getSpansQueued());
  }
}

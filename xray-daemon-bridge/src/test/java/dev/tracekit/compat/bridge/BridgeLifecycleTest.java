package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An in-process bridge over real loopback sockets: the relay to another daemon, a corpus of good
 * and bad datagrams (the largest UDP payload among them) of which nothing good is lost, and close.
 */
class BridgeLifecycleTest {
  /** The largest payload of a UDP datagram over IPv4: 65,535 - 8 (UDP) - 20 (IP). */
  static final int LARGEST_DATAGRAM = 65_507;

  private ScriptedOtlpReceiver collector;
  private Bridge bridge;

  @BeforeEach
  void startCollector() throws Exception {
    collector = new ScriptedOtlpReceiver().start(0).answerOk();
  }

  @AfterEach
  void stop() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
    collector.close();
  }

  @Test
  void forwardToRelaysEveryDatagramUnchanged() throws Exception {
    try (DatagramSocket daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      daemon.setSoTimeout(30_000);
      daemon.setReceiveBufferSize(1 << 20);
      bridge = Bridges.start(config(), "--forward-to", "127.0.0.1:" + daemon.getLocalPort());
      List<byte[]> datagrams = corpus();

      Bridges.send(bridge, datagrams);

      List<String> relayed = new ArrayList<>();
      byte[] buffer = new byte[65_535];
      for (int i = 0; i < datagrams.size(); i++) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        daemon.receive(packet);
        relayed.add(Base64.getEncoder().encodeToString(Arrays.copyOf(packet.getData(), packet.getLength())));
      }
      List<String> sent = new ArrayList<>();
      for (byte[] datagram : datagrams) {
        sent.add(Base64.getEncoder().encodeToString(datagram));
      }
      assertThat(relayed).containsExactlyInAnyOrderElementsOf(sent);
      // The relay counts a datagram after sending it: the count may trail what already arrived.
      Bridges.awaitDatagrams(bridge, datagrams.size());
      Eventually.until(
          "every datagram counted as forwarded",
          () -> bridge.counts().forwarded.sum() + bridge.counts().forwardFailed.sum() == datagrams.size(),
          () -> Bridges.summary(bridge));
      assertThat(bridge.counts().forwarded.sum()).isEqualTo(datagrams.size());
      assertThat(bridge.counts().forwardFailed.sum()).isZero();
      assertThat(Bridges.summary(bridge)).contains("forwarded " + datagrams.size() + " (not forwarded 0)");
    }
  }

  @Test
  void malformedBinaryHalfJsonAndTheLargestDatagramMixedWithGoodOnesLoseNothingElse() throws Exception {
    bridge = Bridges.start(config());
    List<byte[]> datagrams = corpus();

    Bridges.send(bridge, datagrams);
    Bridges.awaitDatagrams(bridge, datagrams.size());
    bridge.close();

    BridgeCounts counts = bridge.counts();
    assertThat(counts.malformedCount(Malformed.NO_HEADER)).isEqualTo(3);
    assertThat(counts.malformedCount(Malformed.NOT_JSON)).isEqualTo(1);
    assertThat(counts.malformedCount(Malformed.TRUNCATED)).isEqualTo(2);
    assertThat(counts.malformedCount(Malformed.NOT_A_SEGMENT)).isEqualTo(1);
    assertThat(counts.segments.sum()).isEqualTo(4);
    assertThat(counts.streamed.sum()).isEqualTo(1);
    // go 9 + go streamed 3 + node 5 + python 5 + the largest 1
    List<Span> spans = collector.awaitSpans(23, 30);
    assertThat(spans).hasSize(23);
    assertThat(spans).extracting(Span::getName).contains("largest", "go-checkout", "127.0.0.1:8082");
    collector.assertEveryPayloadWasValid();
    Bridges.assertCountsAddUp(bridge);
    Bridges.assertSummaryAddsUp(Bridges.summary(bridge));
  }

  @Test
  void closeLetsHeldSubsegmentsGoAsUnknownServiceAndFlushes() throws Exception {
    bridge = Bridges.start(config());
    Bridges.send(bridge, Arrays.asList(Fixtures.bytes("python-streamed-2-remote-http.json")));
    Bridges.awaitDatagrams(bridge, 1);
    assertThat(collector.requestCount()).isZero();

    bridge.close();
    bridge.close(); // idempotent

    assertThat(collector.spans()).extracting(Span::getName)
        .containsExactly("http://127.0.0.1:43905/inventory/reservesku=sku-123");
    assertThat(bridge.counts().unknownService.sum()).isEqualTo(1);
  }

  /**
   * Good datagrams (every segment fixture, one streamed after its segment, and one of the largest
   * size UDP carries) among bad ones: no header (text, binary, an empty datagram), binary after the header, two
   * cut documents, and JSON that is not a segment.
   */
  static List<byte[]> corpus() {
    byte[] binary = new byte[300];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 37 + 11);
    }
    byte[] header = (Fixtures.HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] binaryAfterHeader = Arrays.copyOf(header, header.length + binary.length);
    System.arraycopy(binary, 0, binaryAfterHeader, header.length, binary.length);
    byte[] node = Fixtures.bytes("node-segment.json");
    byte[] python = Fixtures.bytes("python-segment.json");
    return Arrays.asList(
        "no header at all".getBytes(StandardCharsets.US_ASCII),
        Fixtures.bytes("go-segment.json"),
        binary,
        Fixtures.bytes("go-subsegment-streamed.json"),
        binaryAfterHeader,
        Fixtures.cut(node, node.length / 2),
        node,
        Fixtures.datagram("[1,2,3]"),
        Fixtures.cut(python, python.length - 1),
        python,
        largest(),
        new byte[0]);
  }

  /** A valid segment datagram of exactly {@link #LARGEST_DATAGRAM} bytes. */
  static byte[] largest() {
    Map<String, Object> segment =
        IntakeRig.entity("1-6b172440-00000000000000000000abcd", "00000000000000ab", "largest");
    Map<String, Object> metadata = new LinkedHashMap<>();
    segment.put("metadata", java.util.Collections.singletonMap("default", metadata));
    metadata.put("pad", "");
    int size = Fixtures.datagram(IntakeRig.json(segment)).length;
    char[] pad = new char[LARGEST_DATAGRAM - size];
    Arrays.fill(pad, 'p');
    metadata.put("pad", new String(pad));
    byte[] datagram = Fixtures.datagram(IntakeRig.json(segment));
    assertThat(datagram).hasSize(LARGEST_DATAGRAM);
    return datagram;
  }

  private TraceKitConfig config() {
    return TraceKitConfig.builder()
        .setEndpoint(collector.endpoint())
        .setApiKey(TestSecrets.API_KEY)
        .setScheduleDelay(3_600, TimeUnit.SECONDS) // nothing leaves before close's flush
        .setMaxAttributeValueLength(100_000)
        .setShutdownHook(false)
        .build();
  }
}

package dev.tracekit.compat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.emitters.UDPEmitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.SegmentImpl;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.SubsegmentImpl;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XRayDaemonCaptureTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String HEADER = "{\"format\": \"json\", \"version\": 1}\n";

  private XRayDaemonCapture capture;

  @BeforeEach
  void start() {
    capture = XRayDaemonCapture.start();
  }

  @AfterEach
  void stop() {
    capture.close();
  }

  @Test
  void daemonAddressIsLoopbackAndThePort() {
    assertThat(capture.getDaemonAddress()).isEqualTo("127.0.0.1:" + capture.getPort());
  }

  @Test
  void recordsSegmentAndSubsegmentDocumentsSentByTheUdpEmitter() throws Exception {
    DaemonConfiguration config = new DaemonConfiguration();
    config.setDaemonAddress(capture.getDaemonAddress());
    UDPEmitter emitter = new UDPEmitter(config);
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().withEmitter(emitter).build();
    Segment segment = new SegmentImpl(recorder, "checkout");
    segment.putAnnotation("order", "o-1");
    Subsegment subsegment = new SubsegmentImpl(recorder, "charge", segment);

    assertThat(emitter.sendSegment(segment)).isTrue();
    assertThat(emitter.sendSubsegment(subsegment)).isTrue();

    List<String> documents = capture.awaitDocuments(2, WAIT);
    assertThat(documents.get(0)).doesNotStartWith("{\"format\"").contains("\"checkout\"");
    List<JsonNode> trees = capture.documentTrees();
    assertThat(trees.get(0).get("name").asText()).isEqualTo("checkout");
    assertThat(trees.get(0).get("id").asText()).isEqualTo(segment.getId());
    assertThat(trees.get(0).get("trace_id").asText()).isEqualTo(segment.getTraceId().toString());
    assertThat(trees.get(0).get("annotations").get("order").asText()).isEqualTo("o-1");
    assertThat(trees.get(1).get("name").asText()).isEqualTo("charge");
    assertThat(trees.get(1).get("type").asText()).isEqualTo("subsegment");
    assertThat(trees.get(1).get("parent_id").asText()).isEqualTo(segment.getId());
    assertThat(capture.malformedCount()).isZero();
  }

  @Test
  void documentTreesAreCopiesTheCallerCannotAlter() throws IOException {
    send(HEADER + "{\"name\":\"kept\"}");
    capture.awaitDocuments(1, WAIT);

    ((com.fasterxml.jackson.databind.node.ObjectNode) capture.documentTrees().get(0)).put("name", "changed");

    assertThat(capture.documentTrees().get(0).get("name").asText()).isEqualTo("kept");
  }

  @Test
  void countsAndKeepsMalformedDatagramsAndKeepsListening() throws IOException {
    send("{\"name\":\"no header\"}");
    send("{\"format\": \"xml\", \"version\": 1}\n{\"name\":\"wrong format\"}");
    send(HEADER + "not json");
    send(HEADER + "[1, 2]");
    send(HEADER + "{\"name\":\"trailing\"} {}");
    send(HEADER + "{\"name\":\"good\"}");

    assertThat(capture.awaitDocuments(1, WAIT)).containsExactly("{\"name\":\"good\"}");
    assertThat(capture.malformedCount()).isEqualTo(5);
    assertThat(capture.malformedDatagrams().get(0)).isEqualTo("{\"name\":\"no header\"}");
    assertThat(capture.malformedDatagrams().get(2)).isEqualTo(HEADER + "not json");
  }

  @Test
  void awaitDocumentsTimesOutDescribingWhatArrived() throws IOException {
    send(HEADER + "{\"name\":\"lonely\",\"id\":\"70de5b6f19ff9a0a\"}");
    send("garbage");
    capture.awaitDocuments(1, WAIT);

    assertThatThrownBy(() -> capture.awaitDocuments(2, Duration.ofMillis(50)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("waiting for 2 X-Ray documents on " + capture.getDaemonAddress())
        .hasMessageContaining("received 1 documents")
        .hasMessageContaining("'lonely' segment 70de5b6f19ff9a0a");
  }

  @Test
  void clearForgetsDocumentsAndMalformedDatagrams() throws IOException {
    send("garbage");
    send(HEADER + "{\"name\":\"x\"}");
    capture.awaitDocuments(1, WAIT);

    capture.clear();

    assertThat(capture.documents()).isEmpty();
    assertThat(capture.documentTrees()).isEmpty();
    assertThat(capture.malformedCount()).isZero();
  }

  @Test
  void daemonAddressPropertyIsSetForDaemonConfigurationsThenRestored() {
    System.setProperty(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY, "10.0.0.1:2000");
    try {
      try (PropertyOverride ignored = capture.setDaemonAddressProperty()) {
        assertThat(new DaemonConfiguration().getUDPAddress()).isEqualTo(capture.getDaemonAddress());
      }
      assertThat(System.getProperty(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY)).isEqualTo("10.0.0.1:2000");
    } finally {
      System.clearProperty(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY);
    }
  }

  @Test
  void daemonAddressPropertyIsClearedWhenItWasUnset() {
    try (PropertyOverride ignored = capture.setDaemonAddressProperty()) {
      assertThat(System.getProperty(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY)).isEqualTo(capture.getDaemonAddress());
    }
    assertThat(System.getProperty(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY)).isNull();
  }

  private void send(String datagram) throws IOException {
    byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), capture.getPort()));
    }
  }
}

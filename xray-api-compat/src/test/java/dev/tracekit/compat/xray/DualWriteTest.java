package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.emitters.UDPEmitter;
import com.amazonaws.xray.entities.Segment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.trace.RecordingExporter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migration aid: with dual-write on and a daemon address set, the same segment reaches an X-Ray
 * daemon (here a UDP socket on loopback) as a document, and TraceKit as spans.
 */
class DualWriteTest {
  private static final String FLAG = "tracekit.xrayDualWrite";

  private final RecordingExporter exporter = new RecordingExporter();
  private DatagramSocket daemon;

  @BeforeEach
  void start() throws Exception {
    daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    daemon.setSoTimeout(10_000);
    TraceKit.init(TraceKitConfig.builder().setSpanExporter(exporter).setShutdownHook(false).build());
  }

  @AfterEach
  void stop() {
    System.clearProperty(FLAG);
    System.clearProperty(DaemonConfiguration.DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY);
    daemon.close();
    TraceKit.shutdown();
  }

  @Test
  void segmentGoesToTheDaemonAndToTraceKit() throws Exception {
    System.setProperty(FLAG, "true");
    System.setProperty(
        DaemonConfiguration.DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY, "127.0.0.1:" + daemon.getLocalPort());
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();
    assertThat(recorder.getEmitter()).isInstanceOf(UDPEmitter.class);

    Segment segment = recorder.beginSegment("dual-written");
    segment.putAnnotation("order", "o-1");
    recorder.beginSubsegment("child");
    recorder.endSubsegment();
    recorder.endSegment();

    byte[] buffer = new byte[65_536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    daemon.receive(packet);
    String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    int newline = datagram.indexOf('\n');
    assertThat(datagram.substring(0, newline)).isEqualTo("{\"format\": \"json\", \"version\": 1}");
    JsonNode document = new ObjectMapper().readTree(datagram.substring(newline + 1));
    assertThat(document.get("name").asText()).isEqualTo("dual-written");
    assertThat(document.get("id").asText()).isEqualTo(segment.getId());
    assertThat(document.get("trace_id").asText()).isEqualTo(segment.getTraceId().toString());
    assertThat(document.get("annotations").get("order").asText()).isEqualTo("o-1");
    assertThat(document.get("subsegments").get(0).get("name").asText()).isEqualTo("child");

    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.byName("dual-written").getSpanContext().getSpanId()).isEqualTo(segment.getId());
    assertThat(exporter.byName("child").getParentSpanContext().getSpanId()).isEqualTo(segment.getId());
  }

  @Test
  void withoutADaemonAddressNothingIsSentOverUdp() {
    System.setProperty(FLAG, "true");
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();
    assertThat(recorder.getEmitter()).isNotInstanceOf(UDPEmitter.class);
  }

  @Test
  void withoutTheFlagTheDefaultEmitterSendsNothing() {
    System.setProperty(
        DaemonConfiguration.DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY, "127.0.0.1:" + daemon.getLocalPort());
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();
    assertThat(recorder.getEmitter()).isNotInstanceOf(UDPEmitter.class);
  }
}

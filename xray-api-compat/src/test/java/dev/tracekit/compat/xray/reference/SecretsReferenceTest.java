package dev.tracekit.compat.xray.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.config.DaemonConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.secrets.SpanText;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials an application puts in {@code http} and {@code sql} maps. The real SDK keeps them in
 * {@code serialize()} and sends them to the daemon as recorded; the shim keeps {@code serialize()}
 * identical (it is public API) but sends none of them out of the process: not to TraceKit (spans),
 * not to the X-Ray daemon when dual-writing. The program {@code scenarios.Secrets} runs on both.
 */
class SecretsReferenceTest {
  /** The real SDK logs whole documents at debug level: its secret must not be a marked one. */
  private static final String REAL_SECRET = "real-sdk-credential-7c1e";

  private static final String SHIM_SECRET = TestSecrets.secret("xray-maps");
  private static final String DUAL_WRITE = "tracekit.xrayDualWrite";

  private final RecordingExporter exporter = new RecordingExporter();
  private DatagramSocket daemon;

  @BeforeEach
  void start() throws Exception {
    daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    daemon.setSoTimeout(10_000);
    System.setProperty(
        DaemonConfiguration.DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY, "127.0.0.1:" + daemon.getLocalPort());
    TraceKit.init(TraceKitConfig.builder().setSpanExporter(exporter).setShutdownHook(false).build());
  }

  @AfterEach
  void stop() {
    System.clearProperty(DaemonConfiguration.DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY);
    System.clearProperty(DUAL_WRITE);
    daemon.close();
    TraceKit.shutdown();
  }

  @Test
  void theRealSdkSendsTheCredentialsAsRecorded() throws Exception {
    String serialized = serialize(XRayReference.REAL, REAL_SECRET);
    JsonNode sent = DocumentDiff.parse(receive());

    assertThat(serialized).contains(REAL_SECRET);
    assertThat(sent.at("/http/request/headers/Authorization").asText()).isEqualTo("Bearer " + REAL_SECRET);
    assertThat(sent.at("/http/response/headers/Set-Cookie").asText()).contains(REAL_SECRET);
    assertThat(sent.at("/subsegments/0/sql/url").asText()).contains(REAL_SECRET);
  }

  @Test
  void theShimSerializesAsTheRealSdkButSendsNoCredentialOut() throws Exception {
    String real = serialize(XRayReference.REAL, REAL_SECRET);
    receive();
    System.setProperty(DUAL_WRITE, "true");
    String shim = serialize(XRayReference.SHIM, SHIM_SECRET);
    String dualWritten = receive();

    assertThat(DocumentDiff.differences(real.replace(REAL_SECRET, "S"), shim.replace(SHIM_SECRET, "S")))
        .as("serialize() is public API: the same document as the real SDK's")
        .isEmpty();
    assertThat(TestSecrets.containsSecret(dualWritten)).as("the dual-written document").isFalse();
    JsonNode sent = DocumentDiff.parse(dualWritten);
    assertThat(sent.at("/http/request/headers/Authorization").asText()).isEqualTo("REDACTED");
    assertThat(sent.at("/http/request/headers/Proxy-Authorization").asText()).isEqualTo("REDACTED");
    assertThat(sent.at("/http/request/headers/Cookie").asText()).isEqualTo("REDACTED");
    assertThat(sent.at("/http/request/headers/X-API-Key").asText()).isEqualTo("REDACTED");
    assertThat(sent.at("/http/request/headers/Accept").asText()).isEqualTo("application/json");
    assertThat(sent.at("/http/request/url").asText())
        .isEqualTo("https://shop.example.com/cart?id=1&X-Amz-Signature=REDACTED");
    assertThat(sent.at("/http/response/headers/Set-Cookie").asText()).isEqualTo("REDACTED");
    assertThat(sent.at("/subsegments/0/sql/url").asText())
        .isEqualTo("jdbc:postgresql://db.example.com:5432/orders?password=");
    assertThat(sent.at("/subsegments/0/sql/connection_string").asText())
        .isEqualTo("Server=db.example.com;User Id=;Password=;");
    assertThat(sent.at("/subsegments/0/sql/user").asText()).isEqualTo("app");

    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    SpanData segment = exporter.byName("checkout");
    SpanData query = exporter.byName("orders@db.example.com");
    assertThat(TestSecrets.containsSecret(SpanText.of(exporter.spans()))).as("spans").isFalse();
    assertThat(segment.getAttributes().get(AttributeKey.stringKey("url.full")))
        .isEqualTo("https://shop.example.com/cart?id=1&X-Amz-Signature=REDACTED");
    assertThat(query.getAttributes().get(AttributeKey.stringKey("aws.xray.sql.url")))
        .isEqualTo("jdbc:postgresql://db.example.com:5432/orders?password=");
    assertThat(query.getAttributes().get(AttributeKey.stringKey("db.namespace"))).isEqualTo("orders");
  }

  private static String serialize(XRayReference runtime, String secret) {
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) runtime.call("scenarios.Secrets", "record", secret);
    return (String) out.get("serialize");
  }

  /** Returns the next document the "daemon" received, without the header line. */
  private String receive() throws Exception {
    byte[] buffer = new byte[65_536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    daemon.receive(packet);
    String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    return datagram.substring(datagram.indexOf('\n') + 1);
  }
}

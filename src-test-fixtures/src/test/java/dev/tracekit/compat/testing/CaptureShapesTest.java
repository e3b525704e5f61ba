package dev.tracekit.compat.testing;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.emitters.UDPEmitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two captures side by side: the segment documents an X-Ray emitter sends to the daemon
 * capture, and the spans the shim exports to the collector, make equivalent shapes.
 */
class CaptureShapesTest {
  private final OtlpCollector collector = OtlpCollector.start();
  private final XRayDaemonCapture daemon = XRayDaemonCapture.start();

  @AfterEach
  void stop() {
    TraceKit.shutdown();
    collector.close();
    daemon.close();
  }

  @Test
  void daemonDocumentsAndCollectedSpansHaveTheSameShape() throws Exception {
    TraceKit.init(
        TraceKitConfig.builder()
            .setEndpoint(collector.getEndpoint())
            .setApiKey(TestSecrets.API_KEY)
            .setShutdownHook(false)
            .build());
    DaemonConfiguration daemonConfiguration = new DaemonConfiguration();
    daemonConfiguration.setUDPAddress(daemon.getDaemonAddress());
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withEmitter(new UDPEmitter(daemonConfiguration)).build();

    Segment segment = recorder.beginSegment("checkout");
    segment.putAnnotation("user_id", "u-123");
    segment.putAnnotation("items", 3);
    Subsegment fetch = recorder.beginSubsegment("fetch-cart");
    fetch.setNamespace("remote");
    fetch.putMetadata("cart", "skus", java.util.Arrays.asList("a", "b"));
    recorder.endSubsegment();
    Subsegment price = recorder.beginSubsegment("price");
    price.addException(new IllegalStateException("no price list"));
    recorder.endSubsegment();
    recorder.endSegment();

    daemon.awaitDocuments(1, Duration.ofSeconds(10));
    assertThat(TraceKit.flush()).isTrue();
    collector.awaitSpans(3, Duration.ofSeconds(10));

    TraceShape fromDaemon = daemon.shape();
    TraceShape fromCollector = collector.shape();
    assertThat(fromDaemon.root("checkout").getChildren()).hasSize(2);
    assertThatShape(fromCollector).isEquivalentTo(fromDaemon);
    assertThatShape(TraceShape.fromJson(fromDaemon.toJson())).isEquivalentTo(fromCollector);
  }
}

package dev.tracekit.compat.testing.guide;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.testing.OtlpCollectorExtension;
import dev.tracekit.compat.testing.TraceShape;
import dev.tracekit.compat.testing.XRayDaemonCaptureExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration guide's "Prove your migration" example, run as written (with a stand-in for the
 * app's own handler), so the guide cannot drift from the kit's API.
 */
class GuideExampleTest {
  @RegisterExtension
  static final XRayDaemonCaptureExtension daemon = new XRayDaemonCaptureExtension();

  @RegisterExtension
  static final OtlpCollectorExtension collector = new OtlpCollectorExtension();

  @TempDir static Path baselines;

  @BeforeEach
  void sendSegmentsToTheCapture() throws Exception {
    DaemonConfiguration config = new DaemonConfiguration();
    config.setUDPAddress(daemon.getDaemonAddress());
    AWSXRay.setGlobalRecorder(
        AWSXRayRecorderBuilder.standard().withEmitter(Emitter.create(config)).build());
  }

  @BeforeAll
  static void startTraceKitWithTheCollectorsSettings() {
    // Other tests in this JVM may have started TraceKit already; re-init reads the extension's
    // tracekit.endpoint / tracekit.apiKey properties, which it set before this method runs.
    TraceKit.init();
  }

  @AfterAll
  static void stopTraceKit() {
    TraceKit.shutdown();
  }

  @Test
  void recordingThenCheckingTheBaselineAndTheSpansTraceKitReceives() throws Exception {
    Path baseline = baselines.resolve("trace-shapes/checkout.json");
    new CheckoutHandler().handle("u-123", 3);
    daemon.awaitDocuments(1, Duration.ofSeconds(10));
    TraceShape recorded = daemon.getCapture().shape();
    recorded.save(baseline);
    assertThat(Files.readAllLines(baseline)).isNotEmpty();

    // The first run's spans must not spill into the second one's collector.
    assertThat(TraceKit.flush()).isTrue();
    daemon.getCapture().clear();
    collector.getCollector().clear();
    new CheckoutHandler().handle("u-123", 3);
    daemon.awaitDocuments(1, Duration.ofSeconds(10));
    assertThatShape(daemon.getCapture().shape()).isEquivalentToBaseline(baseline);

    collector.awaitSpans(4, Duration.ofSeconds(10));
    assertThatShape(collector.getCollector().shape()).isEquivalentToBaseline(baseline);

    daemon.getCapture().clear();
    new CheckoutHandler().handle("u-124", 3);
    daemon.awaitDocuments(1, Duration.ofSeconds(10));
    assertThatThrownBy(
            () -> assertThatShape(daemon.getCapture().shape()).isEquivalentToBaseline(baseline))
        .hasMessageContaining("/checkout")
        .hasMessageContaining("user_id")
        .hasMessageContaining("u-123")
        .hasMessageContaining("u-124");
  }

  /** Stands in for the application's own X-Ray-instrumented code. */
  static final class CheckoutHandler {
    void handle(String user, int items) {
      Segment segment = AWSXRay.beginSegment("checkout");
      segment.putAnnotation("user_id", user);
      segment.putAnnotation("items", items);
      Subsegment cart = AWSXRay.beginSubsegment("fetch-cart");
      cart.setNamespace("remote");
      AWSXRay.endSubsegment();
      AWSXRay.createSubsegment("price", () -> {});
      Subsegment store = AWSXRay.beginSubsegment("DynamoDB");
      store.setNamespace("aws");
      store.putAws("operation", "PutItem");
      AWSXRay.endSubsegment();
      AWSXRay.endSegment();
    }
  }
}

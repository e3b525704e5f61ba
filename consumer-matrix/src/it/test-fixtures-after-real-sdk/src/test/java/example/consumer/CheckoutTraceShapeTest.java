// The app's trace-shape regression test (migration guide section 7), run here on the real X-Ray SDK.
package example.consumer;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.emitters.Emitter;
import dev.tracekit.compat.testing.ShapeNode;
import dev.tracekit.compat.testing.TraceShape;
import dev.tracekit.compat.testing.XRayDaemonCaptureExtension;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckoutTraceShapeTest {
  // Recorded once with this same test on the real SDK: mvn verify -DrecordTraceShapes=true
  private static final Path BASELINE = Paths.get("src/test/resources/trace-shapes/checkout.json");

  @RegisterExtension
  static final XRayDaemonCaptureExtension daemon = new XRayDaemonCaptureExtension();

  @BeforeEach
  void sendSegmentsToTheCapture() throws Exception {
    DaemonConfiguration config = new DaemonConfiguration();
    config.setUDPAddress(daemon.getDaemonAddress());
    AWSXRay.setGlobalRecorder(
        AWSXRayRecorderBuilder.standard().withEmitter(Emitter.create(config)).build());
  }

  @Test
  void runsOnTheRealSdk() {
    // The kit must not bring the shim along: AWSXRay is still the real core's.
    assertThat(AWSXRay.class.getProtectionDomain().getCodeSource().getLocation().toString())
        .contains("aws-xray-recorder-sdk-core");
  }

  @Test
  void checkoutKeepsItsTraceShape() throws Exception {
    assertThat(new CheckoutHandler().checkout("u-123", 3)).isEqualTo(3897L);

    daemon.awaitDocuments(1, Duration.ofSeconds(10));
    TraceShape actual = daemon.getCapture().shape();
    if (Boolean.getBoolean("recordTraceShapes")) {
      actual.save(BASELINE);
    }

    ShapeNode checkout = actual.root("checkout");
    assertThat(checkout.getKind()).isEqualTo(ShapeNode.Kind.SERVER);
    assertThat(checkout.getChildren()).extracting(ShapeNode::getName).containsExactly("load-cart", "price-cart");
    assertThat(checkout.child("load-cart").getAnnotations())
        .containsEntry("user_id", "u-123")
        .containsKey("items");
    assertThat(checkout.child("price-cart").getMetadata()).containsKey("pricing");
    assertThatShape(actual).isEquivalentToBaseline(BASELINE);
  }
}

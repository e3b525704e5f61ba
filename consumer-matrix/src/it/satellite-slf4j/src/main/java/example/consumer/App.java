// An SLF4J/Logback app whose log lines carry the X-Ray trace id, put in the MDC by SLF4JSegmentListener.
package example.consumer;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.slf4j.SLF4JSegmentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

public final class App {
  private static final Logger log = LoggerFactory.getLogger(App.class);

  public static void main(String[] args) {
    AWSXRay.setGlobalRecorder(
        AWSXRayRecorderBuilder.standard().withSegmentListener(new SLF4JSegmentListener()).build());

    Segment segment = AWSXRay.beginSegment("orders-api");
    try {
      log.info("order received");
      expectTraceIdOf(segment);
      AWSXRay.beginSubsegment("validate-order");
      try {
        log.info("order validated");
        expectTraceIdOf(AWSXRay.getTraceEntity());
      } finally {
        AWSXRay.endSubsegment();
      }
    } finally {
      AWSXRay.endSegment();
    }
    log.info("request done");
    if (MDC.get("AWS-XRAY-TRACE-ID") != null) {
      throw new IllegalStateException("the trace id stayed in the MDC after the segment ended");
    }
  }

  private static void expectTraceIdOf(Entity entity) {
    // The listener's default prefix is the key itself: "AWS-XRAY-TRACE-ID: <trace id>@<entity id>".
    String expected = "AWS-XRAY-TRACE-ID: " + entity.getParentSegment().getTraceId() + "@" + entity.getId();
    String actual = MDC.get("AWS-XRAY-TRACE-ID");
    if (!expected.equals(actual)) {
      throw new IllegalStateException("MDC holds " + actual + ", expected " + expected);
    }
  }
}

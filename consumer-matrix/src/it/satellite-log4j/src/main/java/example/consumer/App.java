// A Log4j 2 app whose log lines carry the X-Ray trace id, put in the ThreadContext by Log4JSegmentListener.
package example.consumer;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.log4j.Log4JSegmentListener;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

public final class App {
  private static final Logger log = LogManager.getLogger(App.class);

  public static void main(String[] args) {
    AWSXRay.setGlobalRecorder(
        AWSXRayRecorderBuilder.standard().withSegmentListener(new Log4JSegmentListener()).build());

    Segment segment = AWSXRay.beginSegment("payments-api");
    try {
      log.info("payment received");
      expectTraceIdOf(segment);
      AWSXRay.beginSubsegment("authorize-card");
      try {
        log.info("card authorized");
        expectTraceIdOf(AWSXRay.getTraceEntity());
      } finally {
        AWSXRay.endSubsegment();
      }
    } finally {
      AWSXRay.endSegment();
    }
    log.info("request done");
    if (ThreadContext.get("AWS-XRAY-TRACE-ID") != null) {
      throw new IllegalStateException("the trace id stayed in the ThreadContext after the segment ended");
    }
  }

  private static void expectTraceIdOf(Entity entity) {
    // The listener's default prefix is the key itself: "AWS-XRAY-TRACE-ID: <trace id>@<entity id>".
    String expected = "AWS-XRAY-TRACE-ID: " + entity.getParentSegment().getTraceId() + "@" + entity.getId();
    String actual = ThreadContext.get("AWS-XRAY-TRACE-ID");
    if (!expected.equals(actual)) {
      throw new IllegalStateException("ThreadContext holds " + actual + ", expected " + expected);
    }
  }
}

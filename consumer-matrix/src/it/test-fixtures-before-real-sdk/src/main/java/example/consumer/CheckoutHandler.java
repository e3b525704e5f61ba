// The app's own X-Ray-instrumented code: a checkout request with two traced steps.
package example.consumer;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Subsegment;
import java.util.Collections;

public final class CheckoutHandler {
  /** Handles one checkout and returns the total in cents. */
  public long checkout(String userId, int items) {
    AWSXRay.beginSegment("checkout");
    try {
      Subsegment load = AWSXRay.beginSubsegment("load-cart");
      try {
        load.putAnnotation("user_id", userId);
        load.putAnnotation("items", items);
      } finally {
        AWSXRay.endSubsegment();
      }
      Subsegment price = AWSXRay.beginSubsegment("price-cart");
      try {
        long total = items * 1299L;
        price.putMetadata("pricing", "total", Collections.singletonMap("cents", total));
        return total;
      } finally {
        AWSXRay.endSubsegment();
      }
    } finally {
      AWSXRay.endSegment();
    }
  }
}

package legacyapp;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import java.util.Collections;

/**
 * A legacy-style program written only against the X-Ray API and compiled against the real
 * aws-xray-recorder-sdk-core 2.21.0 jar: the binary drop-in test runs this bytecode, unchanged, on
 * the shim's jars. It prints {@code TRACE <trace id> <segment id>} so the test can match the spans.
 */
public final class LegacyApp {
  private LegacyApp() {}

  public static void main(String[] args) throws Exception {
    Segment segment = AWSXRay.beginSegment("legacy-app");
    segment.putAnnotation("customer", "c-42");
    segment.putMetadata("order", Collections.singletonMap("items", 3));

    Subsegment load = AWSXRay.beginSubsegment("load-order");
    load.putAnnotation("cache_hit", false);
    AWSXRay.createSubsegment("query-db", sub -> {
      sub.setNamespace("remote");
      sub.putSql("url", "jdbc:postgresql://app:secret@db.example.com:5432/orders");
    });
    AWSXRay.endSubsegment();

    try {
      AWSXRay.createSubsegment("fails", (Runnable) () -> {
        throw new IllegalStateException("boom");
      });
    } catch (IllegalStateException expected) {
      // The subsegment recorded it; the program goes on.
    }

    final Entity parent = AWSXRay.getTraceEntity();
    Thread worker = new Thread(() -> {
      AWSXRay.setTraceEntity(parent);
      Subsegment async = AWSXRay.beginSubsegment("async-work");
      async.putAnnotation("thread", Thread.currentThread().getName());
      AWSXRay.endSubsegment();
      AWSXRay.clearTraceEntity();
    }, "legacy-worker");
    worker.start();
    worker.join();

    AWSXRay.endSegment();
    System.out.println("TRACE " + segment.getTraceId() + " " + segment.getId() + " " + load.getId());
  }
}

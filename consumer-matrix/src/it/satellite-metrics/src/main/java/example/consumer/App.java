// A service that publishes X-Ray segment metrics (EMF over UDP to the CloudWatch agent) with MetricsSegmentListener.
package example.consumer;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.metrics.MetricsSegmentListener;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public final class App {
  public static void main(String[] args) throws Exception {
    // The CloudWatch agent's EMF listener, played by a loopback socket of our own.
    try (DatagramSocket agent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      agent.setSoTimeout(5000);
      System.setProperty("com.amazonaws.xray.metrics.daemonAddress", "127.0.0.1:" + agent.getLocalPort());
      AWSXRay.setGlobalRecorder(
          AWSXRayRecorderBuilder.standard().withSegmentListener(new MetricsSegmentListener()).build());

      Segment segment = AWSXRay.beginSegment("checkout-service");
      try {
        AWSXRay.beginSubsegment("price-cart");
        AWSXRay.endSubsegment();
      } finally {
        AWSXRay.endSegment();
      }

      DatagramPacket metric = new DatagramPacket(new byte[65536], 65536);
      agent.receive(metric);
      String emf = new String(metric.getData(), 0, metric.getLength(), StandardCharsets.UTF_8);
      System.out.println("metric sent to the agent: " + emf);
      if (!emf.contains(segment.getTraceId().toString())) {
        throw new IllegalStateException("the metric does not name the segment's trace id");
      }
    }
  }
}

package dev.tracekit.compat.xraydemo;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Namespace;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceHeader;
import dev.tracekit.compat.xraydemo.OrderService.Order;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls the payments service over HTTP, traced as the X-Ray HTTP client instrumentation does it: a
 * {@code remote} subsegment with the request and response, and an {@code X-Amzn-Trace-Id} header
 * naming that subsegment as the caller, so the payments service continues the same trace.
 */
final class PaymentsClient {
  private static final int TIMEOUT_MILLIS = 5_000;

  private final String chargeUrl;

  PaymentsClient(String chargeUrl) {
    this.chargeUrl = chargeUrl;
  }

  /** Charges the order's total; returns the payment service's answer. */
  String charge(Order order) throws IOException {
    Subsegment subsegment = AWSXRay.beginSubsegment("payments");
    try {
      subsegment.setNamespace(Namespace.REMOTE.toString());
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("method", "POST");
      request.put("url", chargeUrl);
      subsegment.putHttp("request", request);

      HttpURLConnection connection = (HttpURLConnection) new URL(chargeUrl).openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      // Root=<trace id>;Parent=<this subsegment's id>;Sampled=1
      connection.setRequestProperty(
          TraceHeader.HEADER_KEY, TraceHeader.fromEntity(subsegment).toString());
      byte[] body = ("{\"order\":\"" + order.id + "\",\"amount\":\"" + order.total + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }

      int status = connection.getResponseCode();
      String answer = read(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
      Map<String, Object> response = new LinkedHashMap<>();
      response.put("status", status);
      response.put("content_length", answer.getBytes(StandardCharsets.UTF_8).length);
      subsegment.putHttp("response", response);
      if (status == 429) {
        subsegment.setThrottle(true);
      }
      if (status >= 500) {
        subsegment.setFault(true);
      } else if (status >= 400) {
        subsegment.setError(true);
      }
      return answer;
    } catch (IOException e) {
      subsegment.addException(e);
      throw e;
    } finally {
      AWSXRay.endSubsegment();
    }
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (InputStream input = in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      int n;
      while ((n = input.read(buffer)) != -1) {
        bytes.write(buffer, 0, n);
      }
      return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}

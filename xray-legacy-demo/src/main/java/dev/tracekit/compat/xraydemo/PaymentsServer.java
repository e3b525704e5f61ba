package dev.tracekit.compat.xraydemo;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.entities.TraceHeader.SampleDecision;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the downstream payments service, itself an X-Ray app: a tiny HTTP server on a free
 * loopback port that reads the incoming {@code X-Amzn-Trace-Id} header and continues the caller's
 * trace with its own segment, as the X-Ray servlet filter would. It runs on the JDK's server (one
 * non-daemon dispatcher thread), which {@link #close()} stops.
 */
final class PaymentsServer implements AutoCloseable {
  private final HttpServer server;

  private PaymentsServer(HttpServer server) {
    this.server = server;
  }

  /** Starts the server on 127.0.0.1 and a free port; it narrates each request on {@code log}. */
  static PaymentsServer start(PrintStream log) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger charges = new AtomicInteger();
    server.createContext("/charge", exchange -> handleCharge(exchange, log, charges));
    server.start();
    return new PaymentsServer(server);
  }

  /** Returns the charge URL, such as {@code http://127.0.0.1:50123/charge}. */
  String chargeUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/charge";
  }

  private static void handleCharge(HttpExchange exchange, PrintStream log, AtomicInteger charges)
      throws IOException {
    String header = exchange.getRequestHeaders().getFirst(TraceHeader.HEADER_KEY);
    log.println("  [payments] " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
        + "  " + TraceHeader.HEADER_KEY + ": " + header);
    TraceHeader incoming = TraceHeader.fromString(header);
    Segment segment = incoming.getRootTraceId() == null
        ? AWSXRay.beginSegment("payments")
        : AWSXRay.beginSegment("payments", incoming.getRootTraceId(), incoming.getParentId());
    byte[] body;
    try {
      if (incoming.getSampled() == SampleDecision.NOT_SAMPLED) {
        segment.setSampled(false);
      }
      drain(exchange.getRequestBody());
      String chargeId = "ch-" + charges.incrementAndGet();
      segment.putAnnotation("charge_id", chargeId);
      body = ("{\"charge\":\"" + chargeId + "\",\"status\":\"captured\"}")
          .getBytes(StandardCharsets.UTF_8);
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("method", exchange.getRequestMethod());
      request.put("url", "http://payments.internal" + exchange.getRequestURI());
      request.put("client_ip", exchange.getRemoteAddress().getAddress().getHostAddress());
      segment.putHttp("request", request);
      Map<String, Object> response = new LinkedHashMap<>();
      response.put("status", 200);
      response.put("content_length", body.length);
      segment.putHttp("response", response);
    } finally {
      // Ended before the answer leaves, so the caller never waits on a segment still open.
      AWSXRay.endSegment();
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } finally {
      exchange.close();
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[1024];
    while (in.read(buffer) != -1) {
      // Discard: the stand-in accepts every charge.
    }
    in.close();
  }

  /** Stops the server at once and ends its dispatcher thread. */
  @Override
  public void close() {
    server.stop(0);
  }
}

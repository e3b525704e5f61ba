package dev.tracekit.compat.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a downstream inventory service: a tiny HTTP server on a free loopback port that
 * prints the trace headers each request carries, so the demo shows what crosses the wire. It runs
 * on the JDK's own server (one non-daemon dispatcher thread), which {@link #close()} stops.
 */
final class InventoryServer implements AutoCloseable {
  private final HttpServer server;

  private InventoryServer(HttpServer server) {
    this.server = server;
  }

  /** Starts the server on 127.0.0.1 and a free port; it logs each request to {@code log}. */
  static InventoryServer start(PrintStream log) throws IOException {
    InetSocketAddress anyFreePort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    HttpServer server = HttpServer.create(anyFreePort, 0);
    server.createContext("/reserve", exchange -> handleReserve(exchange, log));
    server.start();
    return new InventoryServer(server);
  }

  /** Returns the base URL, such as {@code http://127.0.0.1:50123}. */
  String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  private static void handleReserve(HttpExchange exchange, PrintStream log) throws IOException {
    try {
      drain(exchange.getRequestBody());
      log.println("  [inventory] " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
      log.println("  [inventory]   traceparent:     " + header(exchange, "traceparent"));
      log.println("  [inventory]   X-Amzn-Trace-Id: " + header(exchange, "X-Amzn-Trace-Id"));
      byte[] body = "{\"reserved\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } finally {
      exchange.close();
    }
  }

  private static String header(HttpExchange exchange, String name) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null ? "(none)" : value;
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[1024];
    while (in.read(buffer) != -1) {
      // Discard: the demo does not read the order.
    }
    in.close();
  }

  /** Stops the server at once and ends its dispatcher thread. */
  @Override
  public void close() {
    server.stop(0);
  }
}

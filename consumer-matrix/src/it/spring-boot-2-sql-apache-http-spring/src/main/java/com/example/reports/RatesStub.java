package com.example.reports;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A stand-in on loopback for the exchange-rate service: {@code GET /rates/EUR-USD} is 1.10. */
final class RatesStub {
  private final HttpServer server;

  private RatesStub(HttpServer server) {
    this.server = server;
  }

  static RatesStub start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/rates/EUR-USD",
        exchange -> {
          byte[] body = "1.10".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return new RatesStub(server);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/rates/EUR-USD";
  }

  void stop() {
    server.stop(0);
  }
}

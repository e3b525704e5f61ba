package com.example.orders;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A stand-in for DynamoDB on loopback that answers every GetItem with one order. */
final class DynamoDbStub {
  private static final byte[] ITEM =
      "{\"Item\":{\"id\":{\"S\":\"42\"},\"total\":{\"N\":\"12.50\"}}}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;

  private DynamoDbStub(HttpServer server) {
    this.server = server;
  }

  static DynamoDbStub start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream request = exchange.getRequestBody()) {
            while (request.read() >= 0) {
              // The key does not matter: there is one order.
            }
          }
          exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
          exchange.getResponseHeaders().set("x-amzn-RequestId", "orders-req-1");
          exchange.sendResponseHeaders(200, ITEM.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(ITEM);
          }
        });
    server.start();
    return new DynamoDbStub(server);
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
  }
}

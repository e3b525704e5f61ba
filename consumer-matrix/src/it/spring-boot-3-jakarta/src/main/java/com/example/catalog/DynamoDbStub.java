package com.example.catalog;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A stand-in for DynamoDB on loopback that answers every GetItem with one product. */
final class DynamoDbStub {
  private static final byte[] ITEM =
      "{\"Item\":{\"id\":{\"S\":\"p-1\"},\"name\":{\"S\":\"Teapot\"},\"stock\":{\"N\":\"7\"}}}"
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
            request.readAllBytes();
          }
          exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
          exchange.getResponseHeaders().set("x-amzn-RequestId", "catalog-req-1");
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

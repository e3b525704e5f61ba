package com.example.inventory;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.sun.net.httpserver.HttpServer;
import dev.tracekit.compat.okhttp.TracingInterceptor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads a stock level from the warehouse service with OkHttp 3.14 inside an X-Ray segment; the
 * client is wrapped by tracekit-okhttp, so the call is also a CLIENT span. The warehouse service is
 * a stub on loopback, started and stopped by the job.
 */
public final class InventoryJob {
  private InventoryJob() {}

  public static void main(String[] args) throws IOException {
    HttpServer warehouse = startWarehouse();
    OkHttpClient client = TracingInterceptor.wrap(new OkHttpClient());
    try {
      String url = "http://127.0.0.1:" + warehouse.getAddress().getPort() + "/stock/A-1";
      Segment segment = AWSXRay.beginSegment("inventory-job");
      try {
        segment.putAnnotation("sku", "A-1");
        Subsegment fetch = AWSXRay.beginSubsegment("fetch-stock");
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
          String body = response.body().string();
          fetch.putAnnotation("http_status", response.code());
          fetch.putMetadata("inventory", "stock", new StockLevel("A-1", body));
          System.out.println("warehouse answered " + response.code() + ": " + body);
        } finally {
          AWSXRay.endSubsegment();
        }
      } finally {
        AWSXRay.endSegment();
      }
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
      warehouse.stop(0);
    }
  }

  private static HttpServer startWarehouse() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/stock",
        exchange -> {
          byte[] body = "{\"sku\":\"A-1\",\"count\":3}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  /** What the job records as metadata: a plain object, serialized by X-Ray. */
  public static final class StockLevel {
    private final String sku;
    private final String answer;

    StockLevel(String sku, String answer) {
      this.sku = sku;
      this.answer = answer;
    }

    public String getSku() {
      return sku;
    }

    public String getAnswer() {
      return answer;
    }
  }
}

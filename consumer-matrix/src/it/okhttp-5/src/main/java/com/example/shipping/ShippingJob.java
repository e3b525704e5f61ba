package com.example.shipping;

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
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Books a shipment with the carrier's API through OkHttp 5 inside an X-Ray segment. The carrier
 * is a stub on loopback, started and stopped by the job.
 */
public final class ShippingJob {
  private static final MediaType JSON = MediaType.get("application/json");

  private ShippingJob() {}

  public static void main(String[] args) throws IOException {
    HttpServer carrier = startCarrier();
    OkHttpClient client = TracingInterceptor.wrap(new OkHttpClient.Builder().build());
    try {
      HttpUrl url =
          new HttpUrl.Builder()
              .scheme("http")
              .host("127.0.0.1")
              .port(carrier.getAddress().getPort())
              .addPathSegment("shipments")
              .build();
      Segment segment = AWSXRay.beginSegment("shipping-job");
      try {
        Subsegment booking = AWSXRay.beginSubsegment("book-shipment");
        RequestBody order = RequestBody.create("{\"order\":\"o-7\",\"parcels\":2}", JSON);
        Request request = new Request.Builder().url(url).post(order).build();
        try (Response response = client.newCall(request).execute()) {
          String body = response.body().string();
          booking.putAnnotation("http_status", response.code());
          booking.putMetadata("shipping", "booking", new Booking("o-7", body));
          System.out.println("carrier answered " + response.code() + ": " + body);
        } finally {
          AWSXRay.endSubsegment();
        }
      } finally {
        AWSXRay.endSegment();
      }
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
      carrier.stop(0);
    }
  }

  private static HttpServer startCarrier() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/shipments",
        exchange -> {
          exchange.getRequestBody().close();
          byte[] body = "{\"tracking\":\"TRK-1\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(201, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  /** What the job records as metadata: a plain object, serialized by X-Ray. */
  public static final class Booking {
    private final String order;
    private final String answer;

    Booking(String order, String answer) {
      this.order = order;
      this.answer = answer;
    }

    public String getOrder() {
      return order;
    }

    public String getAnswer() {
      return answer;
    }
  }
}

// An app calling a downstream HTTP service with X-Ray's traced Apache HttpClientBuilder: each call is a subsegment.
package example.consumer;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.proxies.apache.http.HttpClientBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;

public final class App {
  public static void main(String[] args) throws Exception {
    // The downstream stock service, played by a loopback server.
    HttpServer stock = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stock.createContext("/stock/", App::stockLevel);
    stock.start();
    try (CloseableHttpClient http = HttpClientBuilder.create().build()) {
      AWSXRay.beginSegment("storefront");
      try {
        HttpGet get = new HttpGet("http://127.0.0.1:" + stock.getAddress().getPort() + "/stock/A-1");
        String body = http.execute(get, response -> EntityUtils.toString(response.getEntity()));
        System.out.println("stock service says: " + body);
      } finally {
        AWSXRay.endSegment();
      }
    } finally {
      stock.stop(0);
    }
  }

  private static void stockLevel(HttpExchange exchange) throws IOException {
    byte[] body = "{\"sku\":\"A-1\",\"quantity\":7}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

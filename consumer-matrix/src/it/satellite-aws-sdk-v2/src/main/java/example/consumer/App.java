// An AWS SDK v2 app whose DynamoDB client carries X-Ray's TracingInterceptor, on the JDK's URL connection client.
package example.consumer;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

public final class App {
  public static void main(String[] args) throws Exception {
    // DynamoDB, played by a loopback stub answering GetItem.
    HttpServer dynamo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    dynamo.createContext("/", App::getItem);
    dynamo.start();
    try (DynamoDbClient client = DynamoDbClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + dynamo.getAddress().getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .addExecutionInterceptor(new TracingInterceptor())
            .build())
        .build()) {
      AWSXRay.beginSegment("profile-service");
      try {
        GetItemResponse item = client.getItem(b -> b.tableName("profiles")
            .key(Collections.singletonMap("id", AttributeValue.builder().s("u-123").build())));
        System.out.println("profile name: " + item.item().get("name").s());
      } finally {
        AWSXRay.endSegment();
      }
    } finally {
      dynamo.stop(0);
    }
  }

  private static void getItem(HttpExchange exchange) throws IOException {
    byte[] body = "{\"Item\":{\"id\":{\"S\":\"u-123\"},\"name\":{\"S\":\"Ada\"}}}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "REQ-0001");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

// An AWS SDK v1 app whose DynamoDB client carries X-Ray's TracingHandler: each call is an aws subsegment.
package example.consumer;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.dynamodbv2.model.GetItemResult;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.handlers.TracingHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

public final class App {
  public static void main(String[] args) throws Exception {
    // DynamoDB, played by a loopback stub answering GetItem.
    HttpServer dynamo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    dynamo.createContext("/", App::getItem);
    dynamo.start();
    AmazonDynamoDB client = AmazonDynamoDBClientBuilder.standard()
        .withEndpointConfiguration(
            new EndpointConfiguration("http://127.0.0.1:" + dynamo.getAddress().getPort(), "us-east-1"))
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDEXAMPLE", "secret")))
        .withRequestHandlers(new TracingHandler(AWSXRay.getGlobalRecorder()))
        .build();
    try {
      AWSXRay.beginSegment("profile-service");
      try {
        GetItemResult item = client.getItem("profiles",
            Collections.singletonMap("id", new AttributeValue().withS("u-123")));
        System.out.println("profile name: " + item.getItem().get("name").getS());
      } finally {
        AWSXRay.endSegment();
      }
    } finally {
      client.shutdown();
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

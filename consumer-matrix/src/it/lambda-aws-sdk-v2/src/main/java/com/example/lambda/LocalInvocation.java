package com.example.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collections;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One invocation of the function the way the Lambda Java runtime makes it: the invocation's
 * X-Ray trace header in the system property {@code com.amazonaws.xray.traceHeader}, then the
 * handler, with DynamoDB played by a stub on loopback. The function's environment
 * (LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_NAME) comes from whoever starts it.
 */
public final class LocalInvocation {
  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalInvocation() {}

  public static void main(String[] args) throws IOException {
    HttpServer dynamoDb = startDynamoDb();
    AwsBasicCredentials credentials = AwsBasicCredentials.create("test", "test");
    try (DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + dynamoDb.getAddress().getPort()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(credentials))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      System.setProperty("com.amazonaws.xray.traceHeader", traceHeader());
      OrderHandler handler = new OrderHandler(client);
      String total =
          handler.handleRequest(Collections.singletonMap("orderId", "42"), new LocalContext());
      System.out.println("order 42 total: " + total);
    } finally {
      dynamoDb.stop(0);
    }
  }

  /** A sampled header with a new trace id and the Lambda segment as parent, as Lambda passes it. */
  private static String traceHeader() {
    long epochSeconds = System.currentTimeMillis() / 1000;
    String root = "1-" + String.format("%08x", epochSeconds) + "-" + hex(12);
    return "Root=" + root + ";Parent=" + hex(8) + ";Sampled=1";
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    StringBuilder hex = new StringBuilder();
    for (byte b : random) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private static HttpServer startDynamoDb() throws IOException {
    byte[] item =
        "{\"Item\":{\"id\":{\"S\":\"42\"},\"total\":{\"N\":\"12.50\"}}}"
            .getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream request = exchange.getRequestBody()) {
            while (request.read() >= 0) {
              // One order whatever the key.
            }
          }
          exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
          exchange.getResponseHeaders().set("x-amzn-RequestId", "lambda-req-1");
          exchange.sendResponseHeaders(200, item.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(item);
          }
        });
    server.start();
    return server;
  }

  /** The invocation's context, as the runtime gives it to the handler. */
  private static final class LocalContext implements Context {
    @Override
    public String getAwsRequestId() {
      return "local-invocation-1";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + getFunctionName();
    }

    @Override
    public String getLogStreamName() {
      return "local";
    }

    @Override
    public String getFunctionName() {
      return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 512;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
          System.out.println(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}

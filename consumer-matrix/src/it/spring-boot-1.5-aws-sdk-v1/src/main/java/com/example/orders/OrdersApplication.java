package com.example.orders;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.handlers.TracingHandler;
import com.amazonaws.xray.javax.servlet.AWSXRayServletFilter;
import com.amazonaws.xray.strategy.sampling.LocalizedSamplingStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.servlet.Filter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The orders service: Spring Boot 1.5, X-Ray's servlet filter on every request, and DynamoDB
 * through the AWS SDK v1 with X-Ray's tracing handler. Sampling follows a local rules file, as set
 * up when the recorder is built.
 *
 * <p>Run as a job, it starts on a free loopback port next to a loopback stand-in for DynamoDB,
 * asks itself for one order over HTTP, and shuts down.
 */
@SpringBootApplication
public class OrdersApplication {
  static {
    URL rules = OrdersApplication.class.getResource("/sampling-rules.json");
    AWSXRay.setGlobalRecorder(
        AWSXRayRecorderBuilder.standard()
            .withSamplingStrategy(new LocalizedSamplingStrategy(rules))
            .build());
  }

  public static void main(String[] args) throws IOException {
    DynamoDbStub dynamoDb = DynamoDbStub.start();
    try {
      ConfigurableApplicationContext context =
          SpringApplication.run(
              OrdersApplication.class, "--orders.dynamodb.endpoint=" + dynamoDb.endpoint());
      try {
        int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
        System.out.println("GET /orders/42 -> " + get("http://127.0.0.1:" + port + "/orders/42"));
      } finally {
        context.close();
      }
    } finally {
      dynamoDb.stop();
    }
  }

  @Bean
  public Filter tracingFilter() {
    return new AWSXRayServletFilter("orders-api");
  }

  @Bean(destroyMethod = "shutdown")
  public AmazonDynamoDB dynamoDb(@Value("${orders.dynamodb.endpoint}") String endpoint) {
    return AmazonDynamoDBClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(endpoint, "us-east-1"))
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
        .withRequestHandlers(new TracingHandler(AWSXRay.getGlobalRecorder()))
        .build();
  }

  private static String get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    try (InputStream in = connection.getInputStream()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int n; (n = in.read(buffer)) > 0; ) {
        body.write(buffer, 0, n);
      }
      String text = new String(body.toByteArray(), StandardCharsets.UTF_8);
      return connection.getResponseCode() + " " + text;
    } finally {
      connection.disconnect();
    }
  }
}

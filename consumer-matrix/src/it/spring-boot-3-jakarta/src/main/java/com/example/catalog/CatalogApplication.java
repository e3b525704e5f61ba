package com.example.catalog;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The catalog service: Spring Boot 3, X-Ray's jakarta servlet filter on every request (the default
 * recorder), and DynamoDB through AWS SDK v2 with X-Ray's TracingInterceptor on the client.
 *
 * <p>Run as a job, it starts on a free loopback port next to a loopback stand-in for DynamoDB,
 * asks itself for one product over HTTP, and shuts down.
 */
@SpringBootApplication
public class CatalogApplication {
  public static void main(String[] args) throws IOException, InterruptedException {
    DynamoDbStub dynamoDb = DynamoDbStub.start();
    String endpoint = "--catalog.dynamodb.endpoint=" + dynamoDb.endpoint();
    try (ConfigurableApplicationContext context =
        SpringApplication.run(CatalogApplication.class, endpoint)) {
      int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      URI product = URI.create("http://127.0.0.1:" + port + "/products/p-1");
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(product).build(), HttpResponse.BodyHandlers.ofString());
      System.out.println("GET /products/p-1 -> " + response.statusCode() + " " + response.body());
    } finally {
      dynamoDb.stop();
    }
  }

  @Bean
  public Filter tracingFilter() {
    return new AWSXRayServletFilter("catalog-api");
  }

  @Bean
  public DynamoDbClient dynamoDb(@Value("${catalog.dynamodb.endpoint}") URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(c -> c.addExecutionInterceptor(new TracingInterceptor()))
        .build();
  }
}

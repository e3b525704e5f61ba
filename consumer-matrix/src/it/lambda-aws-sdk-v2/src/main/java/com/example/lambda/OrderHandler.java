package com.example.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Collections;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The function: looks an order up in DynamoDB. X-Ray's instrumentor traces the call; the handler
 * has no tracing code.
 */
public class OrderHandler implements RequestHandler<Map<String, String>, String> {
  private final DynamoDbClient dynamoDb;

  /** The function as Lambda creates it: a client from the function's environment. */
  public OrderHandler() {
    this(
        DynamoDbClient.builder()
            .region(Region.of(System.getenv("AWS_REGION")))
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build());
  }

  OrderHandler(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  @Override
  public String handleRequest(Map<String, String> input, Context context) {
    Map<String, AttributeValue> key =
        Collections.singletonMap("id", AttributeValue.fromS(input.get("orderId")));
    GetItemResponse response = dynamoDb.getItem(request -> request.tableName("orders").key(key));
    context.getLogger().log("order " + input.get("orderId") + " found: " + response.hasItem());
    return response.item().get("total").n();
  }
}

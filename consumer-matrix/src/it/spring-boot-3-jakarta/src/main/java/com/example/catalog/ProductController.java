package com.example.catalog;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code GET /products/{id}}: the product from DynamoDB, annotated on the request's segment. */
@RestController
public class ProductController {
  private final DynamoDbClient dynamoDb;

  public ProductController(DynamoDbClient dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  @GetMapping("/products/{id}")
  public Product product(@PathVariable String id) {
    Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS(id));
    Map<String, AttributeValue> item =
        dynamoDb.getItem(request -> request.tableName("products").key(key)).item();
    int stock = Integer.parseInt(item.get("stock").n());
    Product product = new Product(id, item.get("name").s(), stock);
    Segment segment = AWSXRay.getCurrentSegment();
    segment.putAnnotation("product_id", id);
    segment.putMetadata("catalog", "product", product);
    return product;
  }

  /** A product as the service answers it, and as X-Ray records it in metadata. */
  public record Product(String id, String name, int stock) {}
}

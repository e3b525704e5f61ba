package com.example.orders;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.dynamodbv2.model.GetItemResult;
import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import java.util.Collections;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders/{id}}: the order from DynamoDB, annotated on the request's segment. */
@RestController
public class OrderController {
  private final AmazonDynamoDB dynamoDb;

  public OrderController(AmazonDynamoDB dynamoDb) {
    this.dynamoDb = dynamoDb;
  }

  @GetMapping("/orders/{id}")
  public Order order(@PathVariable String id) {
    Map<String, AttributeValue> key = Collections.singletonMap("id", new AttributeValue(id));
    GetItemResult result = dynamoDb.getItem("orders", key);
    Order order = new Order(id, result.getItem().get("total").getN());
    Segment segment = AWSXRay.getCurrentSegment();
    segment.putAnnotation("order_id", id);
    segment.putMetadata("orders", "order", order);
    return order;
  }

  /** An order as the service answers it, and as X-Ray records it in metadata. */
  public static final class Order {
    private final String id;
    private final String total;

    Order(String id, String total) {
      this.id = id;
      this.total = total;
    }

    public String getId() {
      return id;
    }

    public String getTotal() {
      return total;
    }
  }
}

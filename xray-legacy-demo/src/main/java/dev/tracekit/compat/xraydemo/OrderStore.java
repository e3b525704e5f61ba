package dev.tracekit.compat.xraydemo;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Namespace;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.xraydemo.OrderService.Order;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order table (PostgreSQL over JDBC) and the order-events table (DynamoDB), kept in memory here
 * but traced the way the X-Ray SQL interceptor and AWS SDK handler would trace them: an {@code sql}
 * subsegment per query and an {@code aws}-namespace subsegment per AWS call.
 */
final class OrderStore {
  static final String DATABASE_URL = "jdbc:postgresql://orders-db.internal:5432/orders";
  static final String EVENTS_TABLE = "order-events";

  private static final String INSERT =
      "INSERT INTO orders (id, customer_id, total, placed_at) VALUES (?, ?, ?, ?)";
  private static final String SELECT =
      "SELECT id, customer_id, total, placed_at FROM orders WHERE id = ?";

  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final Map<String, String> events = new ConcurrentHashMap<>();

  void insert(Order order) {
    beginQuery(INSERT);
    try {
      orders.put(order.id, order);
    } finally {
      AWSXRay.endSubsegment();
    }
  }

  Order find(String orderId) {
    Subsegment subsegment = beginQuery(SELECT);
    try {
      Order order = orders.get(orderId);
      subsegment.putMetadata("sql", "rows", order == null ? 0 : 1);
      return order;
    } finally {
      AWSXRay.endSubsegment();
    }
  }

  /** A DynamoDB PutItem, described as the X-Ray AWS SDK handler describes it. */
  void publishCreatedEvent(Order order) {
    Subsegment subsegment = AWSXRay.beginSubsegment("DynamoDB");
    try {
      subsegment.setNamespace(Namespace.AWS.toString());
      subsegment.putAws("operation", "PutItem");
      subsegment.putAws("table_name", EVENTS_TABLE);
      subsegment.putAws("region", "eu-west-1");
      subsegment.putAws("request_id", UUID.randomUUID().toString());
      events.put(order.id, "ORDER_CREATED");
      subsegment.putHttp("response", Collections.<String, Object>singletonMap("status", 200));
    } finally {
      AWSXRay.endSubsegment();
    }
  }

  /** Begins the subsegment a JDBC statement gets: {@code database@host}, namespace remote, sql. */
  private static Subsegment beginQuery(String query) {
    Subsegment subsegment = AWSXRay.beginSubsegment("orders@orders-db.internal");
    subsegment.setNamespace(Namespace.REMOTE.toString());
    subsegment.putSql("url", DATABASE_URL);
    subsegment.putSql("database_type", "PostgreSQL");
    subsegment.putSql("database_version", "15.4");
    subsegment.putSql("driver_version", "PostgreSQL JDBC Driver 42.7.3");
    subsegment.putSql("user", "orders_app");
    subsegment.putSql("preparation", "prepared");
    subsegment.putSql("sanitized_query", query);
    return subsegment;
  }
}

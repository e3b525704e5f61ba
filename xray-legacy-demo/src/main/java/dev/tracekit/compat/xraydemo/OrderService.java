package dev.tracekit.compat.xraydemo;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The request handlers, instrumented by hand the way many X-Ray apps are: one segment per request,
 * subsegments for each step. Only {@code com.amazonaws.xray} calls; no TraceKit in sight.
 */
final class OrderService {
  /** The segment name of every request, as a servlet filter's fixed name would be. */
  static final String SERVICE_NAME = "order-service";

  private static final String HOST = "https://shop.example.com";
  private static final String CLIENT_IP = "203.0.113.7";
  private static final String USER_AGENT = "shop-web/3.2 (legacy)";
  private static final Map<String, BigDecimal> PRICE_LIST = new LinkedHashMap<>();

  static {
    PRICE_LIST.put("SKU-RED-MUG", new BigDecimal("12.50"));
    PRICE_LIST.put("SKU-TEA-TIN", new BigDecimal("8.90"));
  }

  private final PrintStream log;
  private final OrderStore store;
  private final PaymentsClient payments;
  private final ExecutorService notifications;
  private final AtomicInteger nextOrderNumber = new AtomicInteger(1001);

  OrderService(PrintStream log, OrderStore store, String chargeUrl, ExecutorService notifications) {
    this.log = log;
    this.store = store;
    this.payments = new PaymentsClient(chargeUrl);
    this.notifications = notifications;
  }

  /** {@code POST /orders}: validates, prices, stores, charges and notifies; one segment. */
  void placeOrder(String customerId, String coupon, boolean express) {
    Segment segment = AWSXRay.beginSegment(SERVICE_NAME);
    try {
      segment.putHttp("request", request("POST", "/orders"));
      segment.setUser(customerId);
      segment.putAnnotation("customer_id", customerId);
      segment.putAnnotation("express_shipping", express);

      Order order = validate(customerId, express);
      order.total = price(order, coupon);
      store.insert(order);
      store.publishCreatedEvent(order);
      String charge = payments.charge(order);
      notifyCustomer(order);

      segment.putAnnotation("order_total", order.total.doubleValue());
      String body = "{\"order\":\"" + order.id + "\",\"total\":\"" + order.total + "\"}";
      segment.putHttp("response", response(201, body.length()));
      log.println("POST /orders -> 201 Created: order " + order.id + ", total " + order.total
          + ", payment " + charge);
    } catch (IOException | RuntimeException e) {
      // What a framework's error handler does: record the failure, answer 500.
      segment.addException(e);
      segment.putHttp("response", response(500, 0));
      log.println("POST /orders -> 500 Internal Server Error: " + e);
    } finally {
      AWSXRay.endSegment();
    }
  }

  /** {@code GET /orders/{id}}: one SQL lookup; 404 (an X-Ray "error") when there is no such order. */
  void getOrder(String orderId) {
    Segment segment = AWSXRay.beginSegment(SERVICE_NAME);
    try {
      segment.putHttp("request", request("GET", "/orders/" + orderId));
      segment.putAnnotation("order_id", orderId);
      Order order = store.find(orderId);
      if (order == null) {
        segment.setError(true);
        segment.putHttp("response", response(404, 0));
        log.println("GET /orders/" + orderId + " -> 404 Not Found");
        return;
      }
      segment.putMetadata("order", describe(order));
      segment.putHttp("response", response(200, 120));
      log.println("GET /orders/" + orderId + " -> 200 OK: " + order.items.size() + " lines, total "
          + order.total);
    } finally {
      AWSXRay.endSegment();
    }
  }

  private Order validate(String customerId, boolean express) {
    Subsegment subsegment = AWSXRay.beginSubsegment("validate-order");
    try {
      Order order = new Order("o-" + nextOrderNumber.getAndIncrement(), customerId, express,
          Instant.now().truncatedTo(ChronoUnit.SECONDS));
      order.items.add(new Line("SKU-RED-MUG", 2));
      order.items.add(new Line("SKU-TEA-TIN", 1));
      subsegment.putAnnotation("order_id", order.id);
      subsegment.putAnnotation("item_count", order.items.size());
      // Metadata in the default namespace: a map holding a list of maps and a java.time value.
      subsegment.putMetadata("order", describe(order));
      return order;
    } finally {
      AWSXRay.endSubsegment();
    }
  }

  private BigDecimal price(Order order, String coupon) {
    Subsegment subsegment = AWSXRay.beginSubsegment("price-order");
    try {
      List<BigDecimal> lineTotals = loadPrices(order);
      BigDecimal subtotal = sum(lineTotals);
      // Metadata in a second namespace, "pricing": a list, a number, java.time values.
      subsegment.putMetadata("pricing", "line_totals", lineTotals);
      subsegment.putMetadata("pricing", "subtotal", subtotal);
      subsegment.putMetadata("pricing", "priced_at", Instant.now());
      subsegment.putMetadata("pricing", "promised_delivery",
          LocalDate.now(ZoneOffset.UTC).plusDays(order.express ? 1 : 4));

      BigDecimal discount;
      try {
        // createSubsegment records what the lambda throws on "apply-coupon", ends it, rethrows.
        discount = AWSXRay.createSubsegment("apply-coupon", (Subsegment couponSubsegment) -> {
          couponSubsegment.putAnnotation("coupon_code", coupon);
          return Coupons.discount(coupon, subtotal);
        });
      } catch (IllegalStateException e) {
        log.println("  coupon rejected (" + e.getMessage() + "), charging full price");
        discount = BigDecimal.ZERO;
      }
      return subtotal.subtract(discount);
    } finally {
      AWSXRay.endSubsegment();
    }
  }

  private static BigDecimal sum(List<BigDecimal> amounts) {
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal amount : amounts) {
      sum = sum.add(amount);
    }
    return sum;
  }

  /** A nested subsegment: price-order → load-price-list. */
  private static List<BigDecimal> loadPrices(Order order) {
    Subsegment subsegment = AWSXRay.beginSubsegment("load-price-list");
    try {
      subsegment.putMetadata("pricing", "price_list", PRICE_LIST);
      subsegment.putAnnotation("cache_hit", true);
      List<BigDecimal> lineTotals = new ArrayList<>();
      for (Line line : order.items) {
        lineTotals.add(PRICE_LIST.get(line.sku).multiply(BigDecimal.valueOf(line.quantity)));
      }
      return lineTotals;
    } finally {
      AWSXRay.endSubsegment();
    }
  }

  /**
   * Sends the confirmation and awards loyalty points on the notification pool, in parallel. The
   * X-Ray context is thread-local, so each task takes the current entity along and makes it its
   * own with {@code setTraceEntity}: their subsegments are children of "notify-customer".
   */
  private void notifyCustomer(Order order) {
    Subsegment subsegment = AWSXRay.beginSubsegment("notify-customer");
    try {
      Entity parent = AWSXRay.getTraceEntity();
      List<Future<?>> tasks = Arrays.<Future<?>>asList(
          notifications.submit(() -> onWorker(parent, "send-confirmation-email", s -> {
            s.putAnnotation("channel", "email");
            s.putMetadata("notification", "template", "order-confirmation-v2");
          })),
          notifications.submit(() -> onWorker(parent, "award-loyalty-points", s -> {
            s.putAnnotation("points", order.total.intValue());
          })));
      for (Future<?> task : tasks) {
        task.get();
      }
    } catch (ExecutionException e) {
      subsegment.addException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      subsegment.addException(e);
    } finally {
      AWSXRay.endSubsegment();
    }
  }

  // The hand-off most X-Ray code in the wild uses; X-Ray 2.x deprecates setTraceEntity in favour of
  // Entity.run(Runnable) and SegmentContextExecutors.
  @SuppressWarnings("deprecation")
  private static void onWorker(Entity parent, String name, Consumer<Subsegment> work) {
    AWSXRay.setTraceEntity(parent);
    try {
      AWSXRay.createSubsegment(name, (Subsegment s) -> {
        s.putMetadata("notification", "thread", Thread.currentThread().getName());
        work.accept(s);
      });
    } finally {
      // Pool threads are reused: leave no entity behind.
      AWSXRay.clearTraceEntity();
    }
  }

  private static Map<String, Object> describe(Order order) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Line line : order.items) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("sku", line.sku);
      item.put("quantity", line.quantity);
      items.add(item);
    }
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("id", order.id);
    description.put("customer", order.customerId);
    description.put("express", order.express);
    description.put("items", items);
    description.put("placed_at", order.placedAt);
    return description;
  }

  private static Map<String, Object> request(String method, String path) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", method);
    request.put("url", HOST + path);
    request.put("client_ip", CLIENT_IP);
    request.put("user_agent", USER_AGENT);
    return request;
  }

  private static Map<String, Object> response(int status, int contentLength) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", status);
    response.put("content_length", contentLength);
    return response;
  }

  /** The coupon rules: the only coupon there is has expired. */
  static final class Coupons {
    private Coupons() {}

    static BigDecimal discount(String code, BigDecimal subtotal) {
      if ("SPRING24".equals(code)) {
        throw new IllegalStateException("coupon " + code + " expired on 2024-06-01");
      }
      return subtotal.multiply(new BigDecimal("0.10"));
    }
  }

  /** An order as the service keeps it. */
  static final class Order {
    final String id;
    final String customerId;
    final boolean express;
    final Instant placedAt;
    final List<Line> items = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;

    Order(String id, String customerId, boolean express, Instant placedAt) {
      this.id = id;
      this.customerId = customerId;
      this.express = express;
      this.placedAt = placedAt;
    }
  }

  /** One order line. */
  static final class Line {
    final String sku;
    final int quantity;

    Line(String sku, int quantity) {
      this.sku = sku;
      this.quantity = quantity;
    }
  }
}

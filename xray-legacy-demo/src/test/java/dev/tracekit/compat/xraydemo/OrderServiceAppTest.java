package dev.tracekit.compat.xraydemo;

import static dev.tracekit.compat.core.api.AttributeKey.booleanKey;
import static dev.tracekit.compat.core.api.AttributeKey.doubleKey;
import static dev.tracekit.compat.core.api.AttributeKey.longKey;
import static dev.tracekit.compat.core.api.AttributeKey.stringArrayKey;
import static dev.tracekit.compat.core.api.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.secrets.SecretLeakGuard;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the demo's three requests in process and checks the spans its X-Ray calls became. */
class OrderServiceAppTest {
  private final RecordingExporter exporter = new RecordingExporter();
  private final ByteArrayOutputStream narration = new ByteArrayOutputStream();

  @BeforeEach
  void initTraceKit() {
    TraceKit.init(
        TraceKitConfig.builder()
            .setApiKey(TestSecrets.API_KEY)
            .setSpanExporter(exporter)
            .setEnabled(true)
            .setSampleRate(1.0)
            .setShutdownHook(false)
            .build());
  }

  @AfterEach
  void shutdownTraceKit() throws Exception {
    TraceKit.shutdown();
    SecretLeakGuard.inspect("the demo's narration", narration.toString("UTF-8"));
  }

  @Test
  void eachRequestIsOneTraceRootedInItsSegment() throws Exception {
    List<SpanData> roots = runDemo();

    assertThat(roots).extracting(SpanData::getName)
        .containsExactly("order-service", "order-service", "order-service");
    assertThat(roots).extracting(SpanData::getKind).containsOnly(SpanKind.SERVER);
    assertThat(roots).extracting(root -> root.getSpanContext().getTraceId())
        .doesNotHaveDuplicates();
    assertThat(roots).extracting(root -> root.getAttributes().get(stringKey("url.full")))
        .containsExactly("https://shop.example.com/orders",
            "https://shop.example.com/orders/o-1001",
            "https://shop.example.com/orders/o-9999");
    // 12 spans for the order (the payments segment included), 2 for each lookup: nothing else.
    assertThat(exporter.spans()).hasSize(16);
  }

  @Test
  void placingAnOrderKeepsTheSubsegmentTreeKindsAndTypedAnnotations() throws Exception {
    SpanData order = runDemo().get(0);

    assertThat(exporter.childNames(order)).containsExactly("validate-order", "price-order",
        "orders@orders-db.internal", "DynamoDB", "payments", "notify-customer");
    assertThat(order.getAttributes().get(stringKey("customer_id"))).isEqualTo("customer-42");
    assertThat(order.getAttributes().get(booleanKey("express_shipping"))).isTrue();
    assertThat(order.getAttributes().get(doubleKey("order_total"))).isEqualTo(33.9);
    assertThat(order.getAttributes().get(stringArrayKey("aws.xray.annotations")))
        .containsExactly("customer_id", "express_shipping", "order_total");
    assertThat(order.getAttributes().get(stringKey("http.request.method"))).isEqualTo("POST");
    assertThat(order.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(201L);
    assertThat(order.getAttributes().get(stringKey("enduser.id"))).isEqualTo("customer-42");
    assertThat(order.getStatusCode()).isNotEqualTo(StatusCode.ERROR);

    SpanData validate = exporter.child(order, "validate-order");
    assertThat(validate.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(validate.getAttributes().get(longKey("item_count"))).isEqualTo(2L);
    assertThat(validate.getAttributes().get(stringKey("aws.xray.metadata.default")))
        .startsWith("{\"order\":{\"id\":\"o-1001\"")
        .contains("\"items\":[{\"sku\":\"SKU-RED-MUG\",\"quantity\":2},")
        // java.time metadata without jackson-datatype-jsr310 (this app has none, like most X-Ray
        // apps): the value's ISO-8601 text, where the X-Ray SDK would lose the whole document.
        .containsPattern("\"placed_at\":\"\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z\"[,}]");

    SpanData price = exporter.child(order, "price-order");
    assertThat(exporter.childNames(price)).containsExactly("load-price-list", "apply-coupon");
    assertThat(price.getAttributes().get(stringKey("aws.xray.metadata.pricing")))
        .contains("\"line_totals\":[25.00,8.90]")
        .containsPattern("\"promised_delivery\":\"\\d{4}-\\d{2}-\\d{2}\"");
    assertThat(exporter.child(price, "load-price-list").getAttributes()
        .get(booleanKey("cache_hit"))).isTrue();
  }

  @Test
  void theRejectedCouponIsAnExceptionOnItsSubsegmentOnly() throws Exception {
    SpanData order = runDemo().get(0);
    SpanData coupon = exporter.child(exporter.child(order, "price-order"), "apply-coupon");

    assertThat(coupon.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(coupon.getStatusDescription()).isEqualTo("coupon SPRING24 expired on 2024-06-01");
    assertThat(coupon.getAttributes().get(booleanKey("aws.xray.fault"))).isTrue();
    assertThat(coupon.getEvents()).hasSize(1);
    EventData exception = coupon.getEvents().get(0);
    assertThat(exception.getName()).isEqualTo("exception");
    assertThat(exception.getAttributes().get(stringKey("exception.type")))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(exception.getAttributes().get(stringKey("exception.stacktrace")))
        .contains("at dev.tracekit.compat.xraydemo.OrderService$Coupons.discount(");
    // The app caught it: the request still succeeded.
    assertThat(order.getAttributes().get(booleanKey("aws.xray.fault"))).isNull();
    assertThat(narration.toString("UTF-8")).contains("coupon rejected", "201 Created");
  }

  @Test
  void storageCallsAreClientSpansWithSqlAndAwsAttributes() throws Exception {
    SpanData order = runDemo().get(0);

    SpanData insert = exporter.child(order, "orders@orders-db.internal");
    assertThat(insert.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(insert.getAttributes().get(stringKey("db.system.name"))).isEqualTo("postgresql");
    assertThat(insert.getAttributes().get(stringKey("db.namespace"))).isEqualTo("orders");
    assertThat(insert.getAttributes().get(stringKey("db.query.text"))).startsWith("INSERT INTO orders");

    SpanData dynamo = exporter.child(order, "DynamoDB");
    assertThat(dynamo.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(dynamo.getAttributes().get(stringKey("aws.service"))).isEqualTo("DynamoDB");
    assertThat(dynamo.getAttributes().get(stringKey("rpc.system"))).isEqualTo("aws-api");
    assertThat(dynamo.getAttributes().get(stringKey("aws.operation"))).isEqualTo("PutItem");
    assertThat(dynamo.getAttributes().get(stringKey("rpc.method"))).isEqualTo("PutItem");
    assertThat(dynamo.getAttributes().get(stringKey("aws.table_name"))).isEqualTo("order-events");
    assertThat(dynamo.getAttributes().get(stringKey("aws.region"))).isEqualTo("eu-west-1");
  }

  @Test
  void thePaymentsServiceContinuesTheTraceFromTheHeaderItReceived() throws Exception {
    SpanData order = runDemo().get(0);

    SpanData call = exporter.child(order, "payments");
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(call.getAttributes().get(stringKey("aws.xray.namespace"))).isEqualTo("remote");
    assertThat(call.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(200L);
    SpanData server = exporter.child(call, "payments");
    assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.getAttributes().get(stringKey("charge_id"))).isEqualTo("ch-1");

    String traceId = order.getSpanContext().getTraceId();
    String xrayTraceId = "1-" + traceId.substring(0, 8) + "-" + traceId.substring(8);
    assertThat(narration.toString("UTF-8")).contains("X-Amzn-Trace-Id: Root=" + xrayTraceId
        + ";Parent=" + call.getSpanContext().getSpanId() + ";Sampled=1");
  }

  @Test
  void notificationsOnThePoolAreChildrenOfNotifyCustomer() throws Exception {
    SpanData order = runDemo().get(0);
    SpanData notify = exporter.child(order, "notify-customer");

    assertThat(exporter.childNames(notify))
        .containsExactlyInAnyOrder("send-confirmation-email", "award-loyalty-points");
    for (SpanData task : exporter.childrenOf(notify)) {
      assertThat(task.getSpanContext().getTraceId())
          .isEqualTo(order.getSpanContext().getTraceId());
      assertThat(task.getAttributes().get(stringKey("aws.xray.metadata.notification")))
          .containsPattern("\"thread\":\"notify-\\d\"");
    }
    assertThat(exporter.child(notify, "award-loyalty-points").getAttributes()
        .get(longKey("points"))).isEqualTo(33L);
  }

  @Test
  void anUnknownOrderIsAnErrorSegment() throws Exception {
    List<SpanData> roots = runDemo();
    SpanData found = roots.get(1);
    SpanData missing = roots.get(2);

    assertThat(found.getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    assertThat(found.getAttributes().get(stringKey("aws.xray.metadata.default")))
        .contains("\"id\":\"o-1001\"");
    assertThat(missing.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(missing.getAttributes().get(booleanKey("aws.xray.error"))).isTrue();
    assertThat(missing.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(404L);
    assertThat(exporter.childNames(missing)).containsExactly("orders@orders-db.internal");
  }

  private List<SpanData> runDemo() throws Exception {
    OrderServiceApp.run(new PrintStream(narration, true, "UTF-8"));
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    return exporter.roots();
  }
}

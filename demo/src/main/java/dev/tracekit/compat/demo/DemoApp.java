package dev.tracekit.compat.demo;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.PipelineStats;
import dev.tracekit.compat.okhttp.TracingInterceptor;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A runnable tour of the TraceKit API: it traces one {@code GET /checkout} request end to end and,
 * with no API key or endpoint configured, prints the trace as a tree on stderr. From the repository
 * root:
 *
 * <pre>
 * mvn -q -DskipTests -pl demo -am package exec:java
 * </pre>
 *
 * <p>The request loads a cart, prices its items on a thread pool ({@link TraceKit#wrap(
 * ExecutorService)} carries the span across), reserves stock over HTTP ({@link
 * TracingInterceptor#wrap(OkHttpClient)} adds the trace headers, which the local inventory server
 * prints), and records an exception for an expired coupon. Set {@code TRACEKIT_API_KEY} to send the
 * same trace to TraceKit instead.
 */
public final class DemoApp {
  private static final String CART_ID = "c-1042";
  private static final String COUPON = "SPRING24";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final List<Item> CART =
      Arrays.asList(new Item("SKU-RED-MUG", 2, "12.50"), new Item("SKU-TEA-TIN", 1, "8.90"));

  private final PrintStream log;
  private final OkHttpClient http;
  private final String inventoryUrl;

  private DemoApp(PrintStream log, OkHttpClient http, String inventoryUrl) {
    this.log = log;
    this.http = http;
    this.inventoryUrl = inventoryUrl;
  }

  /** Initializes TraceKit from system properties and the environment, then runs the demo. */
  public static void main(String[] args) throws Exception {
    TraceKit.init();
    run(System.out);
  }

  /**
   * Serves one traced checkout with the global TraceKit pipeline, shuts the pipeline down (which
   * prints or sends the spans) and returns its final stats. Leaves no thread running. The trace
   * goes wherever TraceKit was initialized to send it; {@code log} gets the demo's own narration.
   */
  static PipelineStats run(PrintStream log)
      throws IOException, InterruptedException, ExecutionException {
    OkHttpClient client = new OkHttpClient();
    try (InventoryServer inventory = InventoryServer.start(log)) {
      // One line turns every call of this client into a CLIENT span with trace headers.
      OkHttpClient traced = TracingInterceptor.wrap(client);
      log.println("GET /checkout ...");
      new DemoApp(log, traced, inventory.baseUrl()).handleCheckout();
    } finally {
      // OkHttp keeps a dispatcher pool and idle connections: release them so the JVM can exit.
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }

    // Stats can be read at any time: before shutdown the spans are still queued...
    log.println("stats before shutdown: " + TraceKit.getStats());
    // ...shutdown exports them (here, prints the trace tree) and stops the pipeline...
    TraceKit.shutdown();
    // ...and after it they are all counted as exported.
    PipelineStats stats = TraceKit.getStats();
    log.println("stats after shutdown:  " + stats);
    return stats;
  }

  /** The incoming request: a SERVER span, the root of the trace. */
  private void handleCheckout() throws IOException, InterruptedException, ExecutionException {
    try (Span request =
        TraceKit.spanBuilder("GET /checkout")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.scheme", "http")
            .setAttribute("url.path", "/checkout")
            .setAttribute("http.route", "/checkout")
            .setAttribute("user_agent.original", "tracekit-demo/1.0")
            .start()) {
      loadCart();
      BigDecimal total = priceItems();
      reserveInventory();
      total = applyCoupon(total);
      request.setAttribute("order.total", total.doubleValue());
      request.setAttribute("http.response.status_code", 200);
      log.println("200 OK, total " + total);
    }
  }

  private void loadCart() {
    try (Span span = TraceKit.startSpan("load-cart")) {
      String[] skus = new String[CART.size()];
      for (int i = 0; i < skus.length; i++) {
        skus[i] = CART.get(i).sku;
      }
      span.setAttribute("cart.id", CART_ID);
      span.setAttribute("cart.items", CART.size());
      span.setAttribute("cart.skus", skus);
      span.setAttribute("cache.hit", true);
    }
  }

  /** Prices each item on a pool thread; the wrapped pool makes each task a child of this span. */
  private BigDecimal priceItems() throws InterruptedException, ExecutionException {
    try (Span span = TraceKit.startSpan("price-items")) {
      ExecutorService pool = TraceKit.wrap(Executors.newFixedThreadPool(2, new NamedThreads()));
      try {
        List<Future<BigDecimal>> prices = new ArrayList<>();
        for (Item item : CART) {
          prices.add(pool.submit(() -> priceItem(item)));
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Future<BigDecimal> price : prices) {
          total = total.add(price.get());
        }
        span.setAttribute("order.subtotal", total.doubleValue());
        return total;
      } finally {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  private static BigDecimal priceItem(Item item) {
    // Runs on a pool thread, where the wrapped executor made "price-items" the current span.
    try (Span span = TraceKit.startSpan("price-item")) {
      BigDecimal price = item.unitPrice.multiply(BigDecimal.valueOf(item.quantity));
      span.setAttribute("item.sku", item.sku);
      span.setAttribute("item.quantity", item.quantity);
      span.setAttribute("item.price", price.doubleValue());
      span.setAttribute("thread.name", Thread.currentThread().getName());
      return price;
    }
  }

  /** Calls the inventory service; the traced client adds a CLIENT span and the trace headers. */
  private void reserveInventory() throws IOException {
    try (Span span = TraceKit.startSpan("reserve-inventory")) {
      span.setAttribute("inventory.items", CART.size());
      Request request =
          new Request.Builder()
              .url(inventoryUrl + "/reserve?cart=" + CART_ID)
              .post(RequestBody.create("{\"cart\":\"" + CART_ID + "\"}", JSON))
              .build();
      try (Response response = http.newCall(request).execute()) {
        ResponseBody body = response.body();
        span.setAttribute("inventory.reserved", response.isSuccessful());
        String answer = body == null ? "" : body.string();
        log.println("  inventory answered " + response.code() + " " + answer);
      }
    }
  }

  /** Records the coupon failure as an exception event (and ERROR status) and carries on. */
  private BigDecimal applyCoupon(BigDecimal total) {
    try (Span span = TraceKit.startSpan("apply-coupon")) {
      span.setAttribute("coupon.code", COUPON);
      try {
        return total.subtract(discountFor(COUPON, total));
      } catch (IllegalArgumentException e) {
        span.recordException(e);
        log.println("  coupon rejected (" + e.getMessage() + "), charging full price");
        return total;
      }
    }
  }

  private static BigDecimal discountFor(String coupon, BigDecimal total) {
    if (COUPON.equals(coupon)) {
      throw new IllegalArgumentException("coupon " + coupon + " expired on 2024-06-01");
    }
    return total.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP);
  }

  private static final class Item {
    final String sku;
    final int quantity;
    final BigDecimal unitPrice;

    Item(String sku, int quantity, String unitPrice) {
      this.sku = sku;
      this.quantity = quantity;
      this.unitPrice = new BigDecimal(unitPrice);
    }
  }

  /** Names the pool's threads; daemon, so a failed run cannot keep the JVM alive. */
  private static final class NamedThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "pricing-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}

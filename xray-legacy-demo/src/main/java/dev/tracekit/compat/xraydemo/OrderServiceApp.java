package dev.tracekit.compat.xraydemo;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A legacy-style order service instrumented with the AWS X-Ray SDK for Java, and nothing else: it
 * uses only {@code com.amazonaws.xray} classes. Run against {@code xray-api-compat} instead of
 * {@code aws-xray-recorder-sdk-core}, its segments become TraceKit spans. From the repository root:
 *
 * <pre>
 * mvn -q -DskipTests -pl xray-legacy-demo -am package exec:exec
 * </pre>
 *
 * <p>It handles three requests in process, as its web framework would hand them over: {@code POST
 * /orders} (nested subsegments, annotations, metadata, an SQL insert, a DynamoDB write, an HTTP call
 * to a local payments service that continues the trace, a rejected coupon, and notifications sent
 * from a thread pool), {@code GET /orders/o-1001} and {@code GET /orders/o-9999} (a 404). Then it
 * stops its threads and returns from {@code main}: with no TraceKit configuration the trace tree
 * prints on stderr as the JVM exits; with {@code TRACEKIT_API_KEY} set the same spans go to
 * TraceKit.
 */
public final class OrderServiceApp {
  private OrderServiceApp() {}

  /** Serves the three requests, narrating on stdout, and returns with no thread left running. */
  public static void main(String[] args) throws IOException, InterruptedException {
    run(System.out);
    System.out.println();
    System.out.println("Done. The X-Ray segments leave as the JVM exits: with no TraceKit configuration");
    System.out.println("they print below as trace trees (stderr); with TRACEKIT_API_KEY set they go to TraceKit.");
  }

  /**
   * Starts the payments service and the notification pool, serves the three requests and stops
   * both again. Segments end (and are exported) as each request completes.
   */
  static void run(PrintStream log) throws IOException, InterruptedException {
    ExecutorService notifications = Executors.newFixedThreadPool(2, new NamedThreads("notify"));
    try (PaymentsServer payments = PaymentsServer.start(log)) {
      OrderService orders = new OrderService(log, new OrderStore(), payments.chargeUrl(), notifications);
      orders.placeOrder("customer-42", "SPRING24", true);
      orders.getOrder("o-1001");
      orders.getOrder("o-9999");
    } finally {
      notifications.shutdown();
      if (!notifications.awaitTermination(10, TimeUnit.SECONDS)) {
        notifications.shutdownNow();
      }
    }
  }

  /** Names the pool's threads; daemon, so that a failed run cannot keep the JVM alive. */
  private static final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    NamedThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}

package dev.tracekit.compat.xray.reliability;

import dev.tracekit.compat.core.export.OtlpTestSupport;
import dev.tracekit.compat.core.export.ProtoCheckingDispatcher;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A loopback OTLP receiver whose answers a test scripts: first the queued {@link #script}
 * responses, then {@link #behave whatever the current behaviour returns} (200 by default). Every
 * payload is checked against the official proto, and the names of the spans of every request
 * answered with 2xx are recorded. {@link #hold()} makes it accept requests and answer none until
 * {@link #release()}.
 */
final class FaultyBackend implements Closeable {
  private final MockWebServer server = new MockWebServer();
  private final ProtoCheckingDispatcher checker = new ProtoCheckingDispatcher();
  private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
  private final List<String> delivered = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Function<Integer, MockResponse> behaviour = spans -> new MockResponse();
  private volatile CountDownLatch held = new CountDownLatch(0);
  private volatile Semaphore arrivals = new Semaphore(0);

  FaultyBackend() {
    checker.setFailFast(true);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            return answer(request);
          }
        });
  }

  /** Starts on a loopback port of the system's choosing, or on {@code port} when positive. */
  FaultyBackend start(int port) throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), port);
    return this;
  }

  MockWebServer server() {
    return server;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getPort() + "/v1/traces";
  }

  /** Queues responses given before the behaviour is asked. */
  void script(MockResponse... responses) {
    for (MockResponse response : responses) {
      script.add(response);
    }
  }

  /** Sets the answer to later requests, as a function of the number of spans they carry. */
  void behave(Function<Integer, MockResponse> behaviour) {
    this.behaviour = behaviour;
  }

  /** Accepts requests and answers none until {@link #release()}. */
  void hold() {
    held = new CountDownLatch(1);
    arrivals = new Semaphore(0);
  }

  void release() {
    held.countDown();
  }

  /**
   * Waits (bounded) until one more request arrived since the last {@link #hold()} than this method
   * has waited for so far.
   */
  boolean awaitRequest() throws InterruptedException {
    return arrivals.tryAcquire(20, TimeUnit.SECONDS);
  }

  int requestCount() {
    return requests.get();
  }

  /** Names of the spans in requests answered 2xx, one entry per delivery. */
  synchronized List<String> delivered() {
    return new ArrayList<>(delivered);
  }

  void assertEveryPayloadWasValid() {
    checker.assertEveryPayloadWasValid();
  }

  private MockResponse answer(RecordedRequest request) throws InterruptedException {
    requests.incrementAndGet();
    byte[] body = request.getBody().clone().readByteArray();
    checker.dispatch(request);
    List<String> names = spanNames(body);
    arrivals.release();
    held.await(60, TimeUnit.SECONDS);
    MockResponse response = script.poll();
    if (response == null) {
      response = behaviour.apply(names.size());
    }
    // Spans count as received when the answer is a 2xx that actually goes out.
    if (response.getStatus().startsWith("HTTP/1.1 2")
        && response.getSocketPolicy() != SocketPolicy.NO_RESPONSE
        && response.getSocketPolicy() != SocketPolicy.DISCONNECT_AFTER_REQUEST) {
      synchronized (this) {
        delivered.addAll(names);
      }
    }
    return response;
  }

  private static List<String> spanNames(byte[] body) {
    List<String> names = new ArrayList<>();
    try {
      ExportTraceServiceRequest request =
          OtlpTestSupport.parse(new String(body, StandardCharsets.UTF_8));
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
            names.add(span.getName());
          }
        }
      }
    } catch (RuntimeException | AssertionError e) {
      // The checker records it.
    }
    return names;
  }

  @Override
  public void close() throws IOException {
    release();
    server.shutdown();
  }
}

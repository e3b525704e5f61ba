package dev.tracekit.compat.core.export;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.annotation.Nullable;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * The test kit's OTLP receiver whose answers a test scripts, on a {@link MockWebServer} (so TLS,
 * socket policies, slow or endless bodies and {@code takeRequest} are all there). Every request
 * body, protobuf or JSON by its {@code Content-Type}, is parsed with the official OTLP proto on arrival, so no payload a test provokes goes
 * unchecked; {@link #assertEveryPayloadWasValid()} fails on any that was not.
 *
 * <p>Each request is answered with, in order of precedence: a response queued by {@link #script}
 * (or {@code server().enqueue}); the {@link #behave behaviour}, when set (status codes, {@code
 * Retry-After}, {@link SocketPolicy#NO_RESPONSE silence}...); else the next response queued later
 * (waiting for it, as MockWebServer does). {@link #hold()} makes it accept requests and answer none
 * until {@link #release()}. It keeps the valid payloads it received, and the names of the spans of
 * every request it answered with a 2xx that went out.
 */
public final class ScriptedOtlpReceiver implements Closeable {
  private final MockWebServer server = new MockWebServer();
  private final CheckingDispatcher dispatcher = new CheckingDispatcher();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Throwable> failures = new ArrayList<>();
  private final List<ExportTraceServiceRequest> payloads = new ArrayList<>();
  private final List<Integer> bodySizes = new ArrayList<>();
  private final List<String> delivered = new ArrayList<>();
  @Nullable private volatile Function<Integer, MockResponse> behaviour;
  private volatile CountDownLatch held = new CountDownLatch(0);
  private volatile Semaphore arrivals = new Semaphore(0);
  @Nullable private volatile String host;

  public ScriptedOtlpReceiver() {
    server.setDispatcher(dispatcher);
  }

  /** Starts on localhost, on a port of the system's choosing. */
  public ScriptedOtlpReceiver start() throws IOException {
    server.start();
    return this;
  }

  /** Starts on 127.0.0.1, on {@code port}, or on one of the system's choosing when 0. */
  public ScriptedOtlpReceiver start(int port) throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), port);
    host = "127.0.0.1";
    return this;
  }

  /** The server, to configure TLS before the start or to take the raw requests. */
  public MockWebServer server() {
    return server;
  }

  /** Returns the traces URL, such as {@code http://127.0.0.1:1234/v1/traces}. */
  public String endpoint() {
    return host != null
        ? "http://" + host + ":" + server.getPort() + "/v1/traces"
        : server.url("/v1/traces").toString();
  }

  /** Queues responses that answer the next requests, before the behaviour is asked. */
  public ScriptedOtlpReceiver script(MockResponse... responses) {
    for (MockResponse response : responses) {
      dispatcher.enqueueResponse(response);
    }
    return this;
  }

  /** Sets the answer to later requests, as a function of the number of spans they carry. */
  public ScriptedOtlpReceiver behave(Function<Integer, MockResponse> behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  /** Answers {@code 200 {}} (JSON) to every request nothing was scripted for. */
  public ScriptedOtlpReceiver answerOk() {
    return behave(
        spans ->
            new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", "application/json")
                .setBody("{}"));
  }

  /** Accepts requests and answers none until {@link #release()}. */
  public void hold() {
    held = new CountDownLatch(1);
    arrivals = new Semaphore(0);
  }

  public void release() {
    held.countDown();
  }

  /**
   * Waits (at most 20 s) until one more request arrived since the last {@link #hold()} than this
   * method has waited for so far.
   */
  public boolean awaitRequest() throws InterruptedException {
    return arrivals.tryAcquire(20, TimeUnit.SECONDS);
  }

  /** Returns how many requests arrived. */
  public int requestCount() {
    return requests.get();
  }

  /** Returns the names of the spans in requests answered 2xx, one entry per delivery. */
  public synchronized List<String> delivered() {
    return new ArrayList<>(delivered);
  }

  /** Returns the valid payloads received so far, in arrival order. */
  public synchronized List<ExportTraceServiceRequest> payloads() {
    return new ArrayList<>(payloads);
  }

  /** Returns every span of the valid payloads received so far, whatever its resource or scope. */
  public synchronized List<Span> spans() {
    List<Span> spans = new ArrayList<>();
    for (ExportTraceServiceRequest payload : payloads) {
      spans.addAll(OtlpTestSupport.allSpans(payload));
    }
    return spans;
  }

  /** Returns the sizes, in bytes as sent, of the valid request bodies received so far. */
  public synchronized List<Integer> bodySizes() {
    return new ArrayList<>(bodySizes);
  }

  /**
   * Waits (at most {@code timeoutSeconds}) until at least {@code minSpans} spans have arrived, and
   * returns all received so far.
   */
  public synchronized List<Span> awaitSpans(int minSpans, long timeoutSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    List<Span> spans;
    while ((spans = spans()).size() < minSpans) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return spans;
  }

  /** Fails when any request body so far was not a valid {@code ExportTraceServiceRequest}. */
  public synchronized void assertEveryPayloadWasValid() {
    if (!failures.isEmpty()) {
      AssertionError error =
          new AssertionError(failures.size() + " of " + (payloads.size() + failures.size())
              + " payloads were not valid OTLP: " + failures.get(0).getMessage());
      for (Throwable failure : failures) {
        error.addSuppressed(failure);
      }
      throw error;
    }
  }

  /** Returns how many payloads parsed. */
  public synchronized int checkedPayloads() {
    return payloads.size();
  }

  /** Lets held requests go and stops the server; what was received stays readable. */
  @Override
  public void close() throws IOException {
    release();
    server.shutdown();
  }

  /** Parses a copy of the body (the test may read the original); returns its span names. */
  private List<String> check(RecordedRequest request) {
    // The body buffer is read once; check a copy so the test can still read the original.
    byte[] bytes = request.getBody().clone().readByteArray();
    int size = bytes.length;
    try {
      if ("gzip".equals(request.getHeader("Content-Encoding"))) {
        bytes = OtlpTestSupport.gunzip(bytes);
      }
      ExportTraceServiceRequest payload =
          OtlpTestSupport.parse(bytes, request.getHeader("Content-Type"));
      List<String> names = new ArrayList<>();
      for (Span span : OtlpTestSupport.allSpans(payload)) {
        names.add(span.getName());
      }
      synchronized (this) {
        payloads.add(payload);
        bodySizes.add(size);
        notifyAll();
      }
      return names;
    } catch (Throwable e) {
      synchronized (this) {
        failures.add(e);
      }
      return new ArrayList<>();
    }
  }

  /** Checks each request, then answers from the queue, the behaviour or (waiting) the queue. */
  private final class CheckingDispatcher extends QueueDispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      requests.incrementAndGet();
      List<String> names = check(request);
      arrivals.release();
      held.await(60, TimeUnit.SECONDS);
      MockResponse response = getResponseQueue().poll();
      Function<Integer, MockResponse> current = behaviour;
      if (response == null) {
        response = current != null ? current.apply(names.size()) : super.dispatch(request);
      }
      // Spans count as delivered when the answer is a 2xx that actually goes out.
      if (response.getStatus().startsWith("HTTP/1.1 2")
          && response.getSocketPolicy() != SocketPolicy.NO_RESPONSE
          && response.getSocketPolicy() != SocketPolicy.DISCONNECT_AFTER_REQUEST) {
        synchronized (ScriptedOtlpReceiver.this) {
          delivered.addAll(names);
        }
      }
      return response;
    }
  }
}

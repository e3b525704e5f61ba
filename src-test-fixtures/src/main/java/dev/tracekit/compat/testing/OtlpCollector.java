package dev.tracekit.compat.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tracekit.compat.testing.OtlpDecoding.BadPayloadException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.annotation.Nullable;

/**
 * An in-process OTLP/HTTP trace receiver on loopback, for tests: it accepts {@code POST /v1/traces}
 * with {@code application/json} (OTLP JSON, hex ids) or {@code application/x-protobuf} bodies,
 * gzip-compressed or not, and keeps the decoded spans for queries and bounded waits.
 *
 * <p>An accepted export is decoded and stored before the answer goes out (200 with {@code {}} for
 * JSON, an empty protobuf response for protobuf), so once an exporter's call returns its spans are
 * visible. A request that is not a valid export is answered 4xx and kept as a {@link
 * RejectedRequest}; the collector keeps serving. JSON is parsed strictly: ids must be lowercase hex
 * of the right length and unknown fields are refused, so a sloppy exporter is caught.
 *
 * <pre>{@code
 * try (OtlpCollector collector = OtlpCollector.start()) {
 *   TraceKit.init(TraceKitConfig.builder().setEndpoint(collector.getEndpoint()).setApiKey("k").build());
 *   ... code under test ...
 *   TraceKit.flush();
 *   assertThat(collector.span("GET /orders").getKind()).isEqualTo(ReceivedSpan.Kind.SERVER);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Query methods return snapshots. {@link #close()} stops the server and its threads.
 */
public final class OtlpCollector implements AutoCloseable {
  /** The path OTLP/HTTP exporters post traces to. */
  public static final String TRACES_PATH = "/v1/traces";
  /** The largest body accepted, compressed or not. */
  static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final byte[] JSON_OK = "{}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Object lock = new Object();
  private final List<ReceivedRequest> requests = new ArrayList<>();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<RejectedRequest> rejected = new ArrayList<>();

  private OtlpCollector(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a collector on a free loopback port. */
  public static OtlpCollector start() {
    return start(0);
  }

  /**
   * Starts a collector on {@code port} of 127.0.0.1 (0 picks a free port).
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static OtlpCollector start(int port) {
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "otlp-collector-" + instance + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              t.setContextClassLoader(null);
              return t;
            });
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      OtlpCollector collector = new OtlpCollector(server, executor);
      server.createContext("/", collector::handle);
      server.setExecutor(executor);
      server.start();
      return collector;
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("Cannot start the OTLP collector on port " + port, e);
    }
  }

  /** Returns the full traces URL, {@code http://127.0.0.1:<port>/v1/traces}. */
  public String getEndpoint() {
    return "http://127.0.0.1:" + getPort() + TRACES_PATH;
  }

  /** Returns the port the collector listens on. */
  public int getPort() {
    return server.getAddress().getPort();
  }

  /** Returns every span received so far, in arrival order. */
  public List<ReceivedSpan> spans() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(spans));
    }
  }

  /** Returns the trace shape of every span received so far, ids and times ignored. */
  public TraceShape shape() {
    return shape(ShapeOptions.defaults());
  }

  /** Returns the trace shape of every span received so far. */
  public TraceShape shape(ShapeOptions options) {
    List<io.opentelemetry.proto.trace.v1.Span> protos = new ArrayList<>();
    for (ReceivedSpan span : spans()) {
      protos.add(span.getProto());
    }
    return TraceShape.fromOtlpSpans(protos, options);
  }

  /** Returns every accepted request so far, in arrival order. */
  public List<ReceivedRequest> requests() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(requests));
    }
  }

  /** Returns every refused request so far (malformed body, wrong path, ...), in arrival order. */
  public List<RejectedRequest> rejectedRequests() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(rejected));
    }
  }

  /**
   * Returns the only span named {@code name}.
   *
   * @throws AssertionError if there is none or more than one, listing what was received
   */
  public ReceivedSpan span(String name) {
    List<ReceivedSpan> all = spans();
    List<ReceivedSpan> named = filter(all, s -> s.getName().equals(name));
    if (named.size() != 1) {
      throw new AssertionError(
          "Expected one span named '" + name + "' but found " + named.size() + "; " + describe());
    }
    return named.get(0);
  }

  /** Returns the spans named {@code name}, in arrival order. */
  public List<ReceivedSpan> spansNamed(String name) {
    return filter(spans(), s -> s.getName().equals(name));
  }

  /** Returns the spans whose parent is {@code parent} (same trace, parent span id), in arrival order. */
  public List<ReceivedSpan> children(ReceivedSpan parent) {
    return filter(
        spans(),
        s -> s.getTraceId().equals(parent.getTraceId())
            && s.getParentSpanId().equals(parent.getSpanId()));
  }

  /** Returns the spans of the trace {@code traceId} (lowercase hex), in arrival order. */
  public List<ReceivedSpan> trace(String traceId) {
    return filter(spans(), s -> s.getTraceId().equals(traceId));
  }

  /**
   * Blocks until at least {@code count} spans have arrived, for at most {@code timeout}.
   *
   * @return the spans received by then
   * @throws AssertionError on timeout or interrupt, describing what was received
   */
  public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
    return await("at least " + count + " spans", all -> all.size() >= count, timeout);
  }

  /**
   * Blocks until {@code condition} holds for the spans received, for at most {@code timeout}.
   *
   * @return the spans received when it held
   * @throws AssertionError on timeout or interrupt, describing what was received
   */
  public List<ReceivedSpan> await(Predicate<? super List<ReceivedSpan>> condition, Duration timeout) {
    return await("a condition on the spans", condition, timeout);
  }

  /** Like {@link #await(Predicate, Duration)}, naming the awaited {@code description} on failure. */
  public List<ReceivedSpan> await(
      String description, Predicate<? super List<ReceivedSpan>> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<ReceivedSpan> snapshot = Collections.unmodifiableList(new ArrayList<>(spans));
        if (condition.test(snapshot)) {
          return snapshot;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "Timed out after " + timeout.toMillis() + " ms waiting for " + description + "; "
                  + describeLocked());
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted while waiting for " + description + "; " + describeLocked());
        }
      }
    }
  }

  /** Forgets every span, request and rejected request received so far. */
  public void clear() {
    synchronized (lock) {
      spans.clear();
      requests.clear();
      rejected.clear();
    }
  }

  /** Stops the server at once; queries still work on what was received. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "OtlpCollector{" + getEndpoint() + "}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Map<String, List<String>> headers = headers(exchange);
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = OtlpDecoding.readAll(in, MAX_BODY_BYTES);
      } catch (BadPayloadException e) {
        reject(exchange, 413, e.getMessage(), method, path, headers, new byte[0]);
        return;
      }
      if (!path.equals(TRACES_PATH)) {
        reject(exchange, 404, "no such path, post to " + TRACES_PATH, method, path, headers, body);
        return;
      }
      if (!method.equals("POST")) {
        reject(exchange, 405, "method " + method + " is not POST", method, path, headers, body);
        return;
      }
      String contentType = mediaType(first(headers, "content-type"));
      boolean json = contentType.equals("application/json");
      if (!json && !contentType.equals("application/x-protobuf")) {
        reject(exchange, 415, "unsupported Content-Type '" + contentType + "'", method, path, headers, body);
        return;
      }
      ReceivedRequest received;
      try {
        received = decode(body, json, headers);
      } catch (BadPayloadException e) {
        reject(exchange, 400, e.getMessage(), method, path, headers, body);
        return;
      }
      synchronized (lock) {
        requests.add(received);
        spans.addAll(received.getSpans());
        lock.notifyAll();
      }
      respond(exchange, 200, json ? "application/json" : "application/x-protobuf", json ? JSON_OK : new byte[0]);
    } finally {
      exchange.close();
    }
  }

  private static ReceivedRequest decode(byte[] body, boolean json, Map<String, List<String>> headers)
      throws BadPayloadException {
    String encoding = first(headers, "content-encoding");
    byte[] plain = body;
    if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
      plain = OtlpDecoding.gunzip(body, MAX_BODY_BYTES);
    } else if (encoding != null && !encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
      throw new BadPayloadException("unsupported Content-Encoding '" + encoding + "'");
    }
    ExportTraceServiceRequest request =
        json ? OtlpDecoding.parseJson(plain) : OtlpDecoding.parseProtobuf(plain);
    List<ReceivedSpan> decoded = OtlpDecoding.spans(request);
    return new ReceivedRequest(request, headers, Collections.unmodifiableList(decoded));
  }

  private void reject(
      HttpExchange exchange,
      int status,
      String reason,
      String method,
      String path,
      Map<String, List<String>> headers,
      byte[] body)
      throws IOException {
    synchronized (lock) {
      rejected.add(new RejectedRequest(status, reason, method, path, headers, body));
      lock.notifyAll();
    }
    String message = "{\"code\":3,\"message\":" + jsonString(reason) + "}";
    respond(exchange, status, "application/json", message.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with a fixed-length body (or none), which keeps the JDK server from stalling. */
  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, List<String>> headers(HttpExchange exchange) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
      headers
          .computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .addAll(e.getValue());
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      e.setValue(Collections.unmodifiableList(e.getValue()));
    }
    return Collections.unmodifiableMap(headers);
  }

  @Nullable
  private static String first(Map<String, List<String>> headers, String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Returns the media type without parameters, lower case; empty when absent. */
  static String mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static List<ReceivedSpan> filter(List<ReceivedSpan> all, Predicate<ReceivedSpan> p) {
    List<ReceivedSpan> out = new ArrayList<>();
    for (ReceivedSpan s : all) {
      if (p.test(s)) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private String describe() {
    synchronized (lock) {
      return describeLocked();
    }
  }

  private String describeLocked() {
    StringBuilder sb = new StringBuilder("received ").append(spans.size()).append(" spans in ")
        .append(requests.size()).append(" requests");
    for (ReceivedSpan s : spans) {
      sb.append("\n  ").append(s);
    }
    if (!rejected.isEmpty()) {
      sb.append("\nand rejected ").append(rejected.size()).append(" requests");
      for (RejectedRequest r : rejected) {
        sb.append("\n  ").append(r);
      }
    }
    return sb.toString();
  }
}

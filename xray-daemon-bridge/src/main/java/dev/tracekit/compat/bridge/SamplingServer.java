package dev.tracekit.compat.bridge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The X-Ray daemon's TCP sampling API, answered locally: an HTTP server on which X-Ray SDKs call
 * {@code POST /GetSamplingRules} and {@code POST /SamplingTargets}, with rules from {@link
 * SamplingRules} and reservoir quotas from {@link ReservoirQuotas}.
 *
 * <p>Anything else is rejected: another path is 404, another method on those paths 405 (with
 * {@code Allow: POST}), a body over {@link #MAX_BODY_BYTES} 413 (as soon as its declared length
 * says so), a body that is not the call's JSON 400. Two threads answer, with up to {@value
 * #MAX_QUEUED} requests waiting; the JDK's server closes connections beyond that.
 */
final class SamplingServer implements Closeable {
  /** The largest request body accepted. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final String GET_SAMPLING_RULES = "/GetSamplingRules";
  static final String SAMPLING_TARGETS = "/SamplingTargets";

  private static final Logger LOGGER = Logger.getLogger(SamplingServer.class.getName());
  private static final int THREADS = 2;
  private static final int MAX_QUEUED = 64;

  private final InetSocketAddress requestedAddress;
  private final SamplingApi api;
  private final LongAdder rulesRequests = new LongAdder();
  private final LongAdder targetsRequests = new LongAdder();
  private final LongAdder rejectedRequests = new LongAdder();
  @Nullable private HttpServer server;
  @Nullable private ThreadPoolExecutor executor;

  /** A server for {@code address} (port 0: any free port), with the system clock. */
  SamplingServer(InetSocketAddress address, SamplingRules rules) {
    this(address, rules, Clock.systemUTC());
  }

  SamplingServer(InetSocketAddress address, SamplingRules rules, Clock clock) {
    this.requestedAddress = Objects.requireNonNull(address, "address");
    this.api = new SamplingApi(rules, new ReservoirQuotas(clock));
  }

  /**
   * Binds the address and starts answering.
   *
   * @throws IOException if the address cannot be bound
   * @throws IllegalStateException if already started
   */
  synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("Already started");
    }
    HttpServer bound = HttpServer.create(requestedAddress, 0);
    ThreadPoolExecutor threads =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<Runnable>(MAX_QUEUED),
            new DaemonThreads());
    bound.setExecutor(threads);
    bound.createContext("/", this::handle);
    bound.start();
    server = bound;
    executor = threads;
  }

  /**
   * The address answered on; its port is the one bound when port 0 was asked for.
   *
   * @throws IllegalStateException if not started
   */
  synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("Not started");
    }
    return server.getAddress();
  }

  /** Returns how many requests were answered and rejected so far. */
  SamplingCounts counts() {
    return new SamplingCounts(rulesRequests.sum(), targetsRequests.sum(), rejectedRequests.sum());
  }

  /** Stops answering and closes the port at once; requests in flight are dropped. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      executor = null;
    }
  }

  private void handle(HttpExchange exchange) {
    try {
      respond(exchange);
    } catch (IOException e) {
      LOGGER.log(Level.FINE, "Sampling API client went away", e);
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Sampling API request failed", e);
      sendServerError(exchange);
    } finally {
      exchange.close();
    }
  }

  /** Answers 500 when nothing was sent yet; a client that went away meanwhile is let go. */
  private static void sendServerError(HttpExchange exchange) {
    if (exchange.getResponseCode() != -1) {
      return;
    }
    try {
      send(exchange, 500, "text/plain; charset=utf-8", new byte[0]);
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.FINE, "Could not answer 500", e);
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    boolean rulesCall = GET_SAMPLING_RULES.equals(path);
    if (!rulesCall && !SAMPLING_TARGETS.equals(path)) {
      reject(exchange, 404, "No such sampling API call: " + path);
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      reject(exchange, 405, path + " takes POST, not " + exchange.getRequestMethod());
      return;
    }
    byte[] body = readBody(exchange);
    if (body == null) {
      // Not worth keeping a connection whose unread body the JDK would otherwise try to skip.
      exchange.getResponseHeaders().set("Connection", "close");
      reject(exchange, 413, "The request body is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    byte[] response;
    try {
      response = rulesCall ? api.getSamplingRules(body) : api.getSamplingTargets(body);
    } catch (InvalidJsonException e) {
      reject(exchange, 400, e.getMessage());
      return;
    }
    (rulesCall ? rulesRequests : targetsRequests).increment();
    send(exchange, 200, "application/json", response);
  }

  /**
   * Returns the request body, or null when it is larger than allowed: then it is not read any
   * further (nor closed, which would make the JDK skip the rest before the response goes out).
   */
  @Nullable
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    if (declaredLength(exchange) > MAX_BODY_BYTES) {
      return null;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    InputStream in = exchange.getRequestBody();
    for (int n; (n = in.read(buffer)) != -1; ) {
      if (body.size() + n > MAX_BODY_BYTES) {
        return null;
      }
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  /** The request's Content-Length, or -1 when it has none (a chunked body) or not a number. */
  private static long declaredLength(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared == null) {
      return -1;
    }
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void reject(HttpExchange exchange, int status, String message) throws IOException {
    rejectedRequests.increment();
    send(exchange, status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // -1 is the JDK's "no body"; 0 would mean a chunked one.
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    // Closing the body sends the response before the JDK skips whatever request body is left.
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Names the server's threads and keeps them from holding the JVM up. */
  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "xray-sampling-api-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}

package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.internal.DaemonThreadFactory;
import dev.tracekit.compat.core.internal.JvmExit;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.internal.Version;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.zip.GZIPOutputStream;
import javax.annotation.Nullable;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * Posts OTLP/HTTP request bodies (protobuf or JSON, as the {@link OtlpProtocol} set) to one
 * endpoint with a private {@link OkHttpClient}, retrying as {@link RetryPolicy} and {@code
 * docs/wire-format.md} ("Responses and retries") say, within a deadline. Calls run synchronously
 * on the caller's thread; the client's dispatcher threads are daemons and stay unused. Failures
 * are logged, rate-limited, with status, attempts and span count, never with headers or the API
 * key.
 * {@link #send} and {@link #shutdown} may be called from several threads at once.
 */
final class OtlpHttpSender {
  /** What {@link #send} returns when the receiver answered 413 Payload Too Large. */
  static final int PAYLOAD_TOO_LARGE = -1;

  private static final String USER_AGENT = "tracekit-xray-compat-java/" + Version.get();

  private final HttpUrl endpoint;
  private final String endpointForLogs;
  @Nullable private final String apiKey;
  private final Map<String, String> headers;
  private final boolean gzip;
  private final OtlpProtocol protocol;
  private final MediaType contentType;
  private final RetryPolicy retryPolicy;
  private final Sleeper sleeper;
  private final LongSupplier nanoClock;
  private final LongSupplier wallClockMillis;
  private final DoubleSupplier jitter;
  private final ThrottlingLogger logger;
  private final ExecutorService dispatcherExecutor;
  private final OkHttpClient client;
  private final RequestBuffer.Pool compressedBuffers;
  private final Set<Call> inFlight = Collections.newSetFromMap(new ConcurrentHashMap<>());
  private final AtomicBoolean shutdown = new AtomicBoolean();
  // What the last failed send said (redacted): the reason of an ExportResult.
  @Nullable private volatile String lastFailure;
  private final CountDownLatch shutdownSignal = new CountDownLatch(1);

  /** Creates the sender and its client from the exporter's settings; {@code endpoint} is parsed. */
  OtlpHttpSender(OtlpHttpSpanExporter.Builder config, HttpUrl endpoint, ThrottlingLogger logger) {
    this.endpoint = endpoint;
    this.endpointForLogs = redactUrl(endpoint);
    this.apiKey = config.apiKey;
    this.headers = new LinkedHashMap<>(config.headers);
    this.gzip = config.gzip;
    this.protocol = config.protocol;
    this.contentType = MediaType.get(protocol.getContentType());
    this.retryPolicy = config.retryPolicy;
    this.sleeper = config.sleeper != null ? config.sleeper : this::awaitShutdown;
    this.nanoClock = config.nanoClock;
    this.wallClockMillis = config.wallClockMillis;
    this.jitter = config.jitter;
    this.logger = logger;
    this.compressedBuffers = new RequestBuffer.Pool(config.maxRequestBytes);
    // OkHttp's default dispatcher threads are not daemons. We only call execute(), which never uses
    // them, but the client must not be able to keep the JVM alive either way.
    this.dispatcherExecutor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            new DaemonThreadFactory("tracekit-okhttp-dispatcher"));
    long timeoutMillis =
        Math.max(
            1, Math.min(TimeUnit.NANOSECONDS.toMillis(config.timeoutNanos), Integer.MAX_VALUE));
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if (!endpoint.isHttps() && !config.allowInsecure) {
      // Plain http is allowed to loopback only (checked by name when built): make sure the
      // connection stays on this machine, whatever the name resolves to, and skips any proxy.
      builder.proxy(Proxy.NO_PROXY).dns(new LoopbackOnlyDns(Dns.SYSTEM));
    }
    this.client =
        builder
            .dispatcher(new Dispatcher(dispatcherExecutor))
            // Keeps as many idle connections as exports may be in flight at once: each export
            // has its own HTTP/1.1 connection, and one evicted is a new TCP and TLS handshake for
            // the next. With 2 kept, 4 concurrent exports opened 187 connections for 1,861
            // requests (benchmarks, end-to-end); sequential exports use one connection anyway.
            .connectionPool(
                new ConnectionPool(
                    BatchSpanProcessor.MAX_CONCURRENT_EXPORTS_LIMIT, 5, TimeUnit.MINUTES))
            .socketFactory(new NoDelaySocketFactory())
            .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            // No timeout per socket read or write: each call has its own, the export's deadline,
            // which bounds them all. A per-I/O timeout is scheduled with Okio's watchdog on every
            // read and write: 5% of the exporter thread's CPU, and the watchdog's, at 50k spans/s.
            .readTimeout(0, TimeUnit.MILLISECONDS)
            .writeTimeout(0, TimeUnit.MILLISECONDS)
            .callTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
            // A redirected POST may silently become a GET whose 200 would count as delivered.
            .followRedirects(false)
            .followSslRedirects(false)
            .eventListenerFactory(ConnectionUse.FACTORY)
            .build();
  }

  /**
   * Posts {@code body} (the request for {@code spanCount} spans), retrying until {@code
   * deadlineNanos} (on the sender's nano clock). Blocks. Returns how many spans failed, or {@link
   * #PAYLOAD_TOO_LARGE}. Throws nothing but runtime exceptions from OkHttp itself.
   */
  int send(RequestBuffer body, int spanCount, long deadlineNanos) {
    RequestBuffer compressed = gzip ? compressedBuffers.take() : null;
    try {
      return send(body, compressed, spanCount, deadlineNanos);
    } finally {
      if (compressed != null) {
        compressedBuffers.give(compressed);
      }
    }
  }

  private int send(
      RequestBuffer plain, @Nullable RequestBuffer compressed, int spanCount, long deadlineNanos) {
    RequestBody body;
    try {
      RequestBuffer sent = compressed != null ? gzip(plain, compressed) : plain;
      body = new BufferBody(sent, contentType);
    } catch (IOException e) {
      warn("Failed to export " + spanCount + " spans: could not compress the request: " + e);
      return spanCount;
    }
    Request.Builder request =
        new Request.Builder().url(endpoint).header("User-Agent", USER_AGENT).post(body);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    if (apiKey != null) {
      request.header("X-API-Key", apiKey);
    }
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    return sendWithRetries(request.build(), spanCount, plain.size(), deadlineNanos);
  }

  private int sendWithRetries(Request request, int spanCount, int bodyBytes, long deadlineNanos) {
    boolean replacedStaleConnection = false;
    int attempt = 1;
    while (true) {
      long remaining = deadlineNanos - nanoClock.getAsLong();
      if (remaining <= 0) {
        warn(failure(spanCount, attempt - 1) + "the export timeout ran out");
        return spanCount;
      }
      long retryAfterNanos = RetryAfter.NONE;
      String problem;
      ConnectionUse connectionUse = new ConnectionUse();
      Call call =
          client.newCall(request.newBuilder().tag(ConnectionUse.class, connectionUse).build());
      call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
      inFlight.add(call);
      if (shutdown.get()) {
        call.cancel();
      }
      try (Response response = call.execute()) {
        int code = response.code();
        if (response.isSuccessful()) {
          return readPartialSuccess(response, spanCount);
        }
        if (code == 413) {
          if (spanCount > 1) {
            return PAYLOAD_TOO_LARGE;
          }
          warn(
              failure(spanCount, attempt)
                  + "HTTP 413: one span of "
                  + bodyBytes
                  + " bytes is larger than the receiver accepts");
          return spanCount;
        }
        if (!isRetryable(code)) {
          warn(failure(spanCount, attempt) + "HTTP " + code + hint(code) + ", not retried");
          return spanCount;
        }
        problem = "HTTP " + code;
        retryAfterNanos =
            RetryAfter.parseNanos(response.header("Retry-After"), wallClockMillis.getAsLong());
      } catch (IOException e) {
        if (isStopped()) {
          lastFailure = redact(failure(spanCount, attempt) + "the exporter was shut down before "
              + endpointForLogs + " answered");
          logger.log(Level.FINE, lastFailure);
          return spanCount;
        }
        if (!replacedStaleConnection && connectionUse.failedStale(e)) {
          // A kept-alive connection the receiver (or a load balancer) closed while it sat idle in
          // the pool, as after a Lambda freeze: the request never got an answer there. Once per
          // request, send it again at once on a new connection, in the same attempt: the idle
          // connections pooled with it are as old, so they go too.
          replacedStaleConnection = true;
          client.connectionPool().evictAll();
          logger.log(
              Level.FINE,
              redact(
                  "A reused connection to "
                      + endpointForLogs
                      + " failed before a response ("
                      + e
                      + "); sending "
                      + spanCount
                      + " spans again at once on a new connection"));
          continue;
        }
        problem = IoFailures.describe(e);
        if (JvmExit.isExiting() && !IoFailures.isTimeout(e)) {
          // At exit a retry cannot help in time: say why now, and let the JVM go.
          warn(failure(spanCount, attempt) + problem + ", not retried at JVM exit");
          return spanCount;
        }
      } finally {
        inFlight.remove(call);
      }
      if (attempt >= retryPolicy.getMaxAttempts()) {
        warn(failure(spanCount, attempt) + problem);
        return spanCount;
      }
      long delay =
          retryAfterNanos != RetryAfter.NONE
              ? retryAfterNanos
              : retryPolicy.backoffNanos(attempt, jitter.getAsDouble());
      if (delay >= deadlineNanos - nanoClock.getAsLong()) {
        warn(
            failure(spanCount, attempt)
                + problem
                + "; a retry in "
                + TimeUnit.NANOSECONDS.toMillis(delay)
                + " ms "
                + (retryAfterNanos != RetryAfter.NONE ? "(Retry-After) " : "")
                + "would not fit in the export timeout");
        return spanCount;
      }
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (isStopped()) {
        lastFailure = redact(failure(spanCount, attempt) + problem + "; stopped retrying at shutdown");
        logger.log(Level.FINE, lastFailure);
        return spanCount;
      }
      attempt++;
    }
  }

  /** HTTP 429, 502, 503 and 504 are worth retrying; every other failure status is final. */
  static boolean isRetryable(int code) {
    return code == 429 || code == 502 || code == 503 || code == 504;
  }

  private int readPartialSuccess(Response response, int spanCount) {
    PartialSuccess partial;
    try {
      partial = PartialSuccess.parse(response.body().byteStream(), isProtobuf(response));
    } catch (IOException | RuntimeException e) {
      // Accepted all the same: a proxy's page or an unusual receiver is not a reason to resend.
      logger.log(
          Level.FINE,
          redact(
              "Could not read the response of HTTP "
                  + response.code()
                  + " from "
                  + endpointForLogs
                  + "; "
                  + spanCount
                  + " spans count as delivered: "
                  + e));
      return 0;
    }
    if (partial.getRejectedSpans() > 0) {
      int rejected = (int) Math.min(partial.getRejectedSpans(), spanCount);
      warn(
          "TraceKit rejected "
              + rejected
              + " of "
              + spanCount
              + " spans sent to "
              + endpointForLogs
              + ": "
              + partial.getErrorMessage());
      return rejected;
    }
    if (!partial.getErrorMessage().isEmpty()) {
      logger.log(
          Level.FINE,
          redact(
              "TraceKit accepted "
                  + spanCount
                  + " spans with a warning: "
                  + partial.getErrorMessage()));
    }
    return 0;
  }

  /**
   * Whether the response body is protobuf: as its {@code Content-Type} says; without one that says,
   * JSON when the body starts with {@code {} (no protobuf response does: that would be field 15 as
   * a group), else as the request was sent.
   */
  private boolean isProtobuf(Response response) throws IOException {
    // The header as it is, not a parsed MediaType: parsing took 3% of the exporter thread's CPU.
    String header = response.header("Content-Type");
    String subtype = header == null ? "" : mediaSubtype(header);
    if (subtype.contains("protobuf")) {
      return true;
    }
    if (subtype.contains("json")) {
      return false;
    }
    BufferedSource source = response.body().source();
    if (source.request(1) && source.getBuffer().getByte(0) == '{') {
      return false;
    }
    return protocol == OtlpProtocol.HTTP_PROTOBUF;
  }

  /** The part of a media type between '/' and ';', lower case: "x-protobuf", "json". */
  private static String mediaSubtype(String mediaType) {
    int slash = mediaType.indexOf('/');
    int semicolon = mediaType.indexOf(';');
    int end = semicolon < 0 ? mediaType.length() : semicolon;
    return slash < 0 || slash >= end ? "" : mediaType.substring(slash + 1, end).trim().toLowerCase(Locale.ROOT);
  }

  private static RequestBuffer gzip(RequestBuffer plain, RequestBuffer compressed) throws IOException {
    compressed.reset();
    try (GZIPOutputStream out = new GZIPOutputStream(compressed, 8192)) {
      plain.writeTo(out);
    }
    return compressed;
  }

  private boolean isStopped() {
    return shutdown.get() || Thread.currentThread().isInterrupted();
  }

  private void awaitShutdown(long nanos) throws InterruptedException {
    shutdownSignal.await(nanos, TimeUnit.NANOSECONDS);
  }

  /** Cancels the calls in flight, wakes retry waits, and closes idle connections. Idempotent. */
  void shutdown() {
    if (!shutdown.compareAndSet(false, true)) {
      return;
    }
    shutdownSignal.countDown();
    for (Call call : inFlight) {
      call.cancel();
    }
    client.connectionPool().evictAll();
    dispatcherExecutor.shutdownNow();
  }

  /** Returns the private client, for tests. */
  OkHttpClient client() {
    return client;
  }

  /** Returns the endpoint without user info or query, safe to log. */
  String endpointForLogs() {
    return endpointForLogs;
  }

  private String failure(int spanCount, int attempts) {
    return "Failed to export "
        + spanCount
        + " spans to "
        + endpointForLogs
        + " after "
        + attempts
        + (attempts == 1 ? " attempt: " : " attempts: ");
  }

  private static String hint(int code) {
    if (code == 401 || code == 403) {
      return " (check the TraceKit API key)";
    }
    if (code == 404) {
      return " (check the endpoint URL)";
    }
    return "";
  }

  private void warn(String message) {
    String redacted = redact(message);
    lastFailure = redacted;
    logger.log(Level.WARNING, redacted);
  }

  /** Returns what the last failed send was told (redacted), or null when none failed yet. */
  @Nullable
  String lastFailure() {
    return lastFailure;
  }

  /**
   * Removes the API key and the extra headers' values from text that came from elsewhere
   * (exceptions, response bodies).
   */
  private String redact(String message) {
    String out = apiKey == null ? message : message.replace(apiKey, "<redacted>");
    for (String value : headers.values()) {
      if (value.length() >= 4) {
        out = out.replace(value, "<redacted>");
      }
    }
    return out;
  }

  static String redactUrl(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
  }

  /**
   * A request body over a buffer, without a copy. It is reported as one-shot although it could be
   * written again: that stops OkHttp from resending it by itself (after a 408, a 503 with {@code
   * Retry-After: 0}, or a failure once the body went out), so that every resend goes through the
   * counted, time-bounded retry loop above. OkHttp still tries other routes while connecting. It
   * also stops OkHttp from recovering from a stale pooled connection: that failure comes once the
   * request went out (reading the answer hits the end of the stream), so the loop above replaces
   * the connection itself (see {@link ConnectionUse}).
   */
  private static final class BufferBody extends RequestBody {
    private final RequestBuffer buffer;
    private final MediaType contentType;

    BufferBody(RequestBuffer buffer, MediaType contentType) {
      this.buffer = buffer;
      this.contentType = contentType;
    }

    @Override
    public MediaType contentType() {
      return contentType;
    }

    @Override
    public long contentLength() {
      return buffer.size();
    }

    @Override
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      buffer.writeTo(sink);
    }
  }

  /**
   * What one call did with its connection, told by OkHttp's events: whether the last connection it
   * got came from the pool (OkHttp connects a new one otherwise) and whether a response head was
   * read on it. Given to OkHttp through the request's tag, one per call.
   */
  private static final class ConnectionUse extends EventListener {
    static final EventListener.Factory FACTORY =
        call -> {
          ConnectionUse use = call.request().tag(ConnectionUse.class);
          return use != null ? use : EventListener.NONE;
        };

    // OkHttp 4 reports these on the thread that runs execute(), which reads them; volatile all the
    // same, as newer OkHttp versions connect (and report connectStart) on their own threads.
    private volatile boolean connecting;
    private volatile boolean reused;
    private volatile boolean responded;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connecting = true;
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
      reused = !connecting;
      connecting = false;
      responded = false;
    }

    @Override
    public void responseHeadersStart(Call call) {
      // OkHttp reports this once the status line and headers were read.
      responded = true;
    }

    /**
     * Whether {@code e}, which ended the call, is a pooled connection that had gone stale: it
     * failed on a reused connection before any response head came back, and it is neither a
     * timeout (a slow receiver is not helped by a second request at once) nor a protocol error.
     */
    boolean failedStale(IOException e) {
      return reused
          && !responded
          && !(e instanceof InterruptedIOException)
          && !(e instanceof ProtocolException);
    }
  }
}

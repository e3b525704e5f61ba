package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.internal.LoopbackHosts;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Sends spans to TraceKit (or any OTLP/HTTP receiver) as OTLP/HTTP, protobuf by default or JSON
 * ({@link Builder#setProtocol}): one {@code POST} of an {@code ExportTraceServiceRequest} per
 * batch, with the {@code X-API-Key} header when a key is set.
 *
 * <pre>{@code
 * SpanExporter exporter = OtlpHttpSpanExporter.builder()
 *     .setApiKey(System.getenv("TRACEKIT_API_KEY"))
 *     .build();
 * }</pre>
 *
 * <p>{@link #export} blocks the calling thread (the batching processor's worker) for at most the
 * {@linkplain Builder#setTimeout timeout}, retries included: HTTP 429, 502, 503, 504 and connection
 * failures are retried per the {@link RetryPolicy}, honouring {@code Retry-After}; other failures
 * are not. A batch whose body exceeds 1 MiB, or that the receiver refuses with 413, is split in
 * halves and sent in parts. Spans a receiver reports as rejected ({@code partialSuccess}) count as
 * failed. Nothing is thrown: failures are counted in the {@link ExportResult} and logged,
 * rate-limited, to {@code java.util.logging}, never with the API key or request headers.
 *
 * <p>Plain {@code http://} is only for loopback ({@code localhost}, 127.0.0.0/8, {@code ::1}):
 * {@link Builder#build()} refuses another host unless {@link Builder#setAllowInsecure} is set, and
 * the connection to a loopback endpoint uses no proxy and only loopback addresses.
 *
 * <p>The exporter owns a private OkHttp client (daemon threads only), released by {@link
 * #shutdown()}, which also cancels the requests in flight. {@code export} may be called from
 * several threads at once (a processor with concurrent exports): each call has its own request
 * buffer and connection.
 */
public final class OtlpHttpSpanExporter implements SpanExporter {
  /** TraceKit's traces endpoint, the default. */
  public static final String DEFAULT_ENDPOINT = "https://app.tracekit.dev/v1/traces";

  /** Default time budget of one export, retries included, in milliseconds. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  /** Uncompressed request bodies above this size are split when the batch has several spans. */
  static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

  private static final Logger LOGGER = Logger.getLogger(OtlpHttpSpanExporter.class.getName());

  private final String endpointForLogs;
  private final boolean hasApiKey;
  private final boolean gzip;
  private final OtlpProtocol protocol;
  private final long timeoutNanos;
  private final RetryPolicy retryPolicy;
  private final int maxRequestBytes;
  private final LongSupplier nanoClock;
  private final ThrottlingLogger logger = ThrottlingLogger.create(LOGGER);
  private final OtlpHttpSender sender;
  private final RequestBuffer.Pool buffers;
  private final AtomicBoolean shutdown = new AtomicBoolean();

  private OtlpHttpSpanExporter(Builder builder, HttpUrl endpoint) {
    this.hasApiKey = builder.apiKey != null;
    this.gzip = builder.gzip;
    this.protocol = builder.protocol;
    this.timeoutNanos = builder.timeoutNanos;
    this.retryPolicy = builder.retryPolicy;
    this.maxRequestBytes = builder.maxRequestBytes;
    this.nanoClock = builder.nanoClock;
    this.buffers = new RequestBuffer.Pool(maxRequestBytes);
    this.sender = new OtlpHttpSender(builder, endpoint, logger);
    this.endpointForLogs = sender.endpointForLogs();
  }

  /**
   * Returns a builder: TraceKit's endpoint, protobuf, no API key, no gzip, 10 s timeout, default
   * retries.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends {@code spans}, blocking for at most the timeout, and returns how many were not delivered.
   * After {@link #shutdown()} it fails every span at once, without a request. Never throws.
   */
  @Override
  public ExportResult export(List<SpanData> spans) {
    int size = spans.size();
    if (size == 0) {
      return ExportResult.success();
    }
    if (shutdown.get()) {
      return ExportResult.failed(size, "the exporter was shut down");
    }
    RequestBuffer body = buffers.take();
    try {
      long deadline = nanoClock.getAsLong() + timeoutNanos;
      return ExportResult.failed(Math.min(size, send(spans, body, deadline)), sender.lastFailure());
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return ExportResult.failed(failUnexpectedly(size, e));
    } finally {
      buffers.give(body);
    }
  }

  /** Sends {@code spans}, written into {@code body}, in parts when too large; returns how many failed. */
  private int send(List<SpanData> spans, RequestBuffer body, long deadline) {
    int size = spans.size();
    if (shutdown.get() || Thread.currentThread().isInterrupted()) {
      return size;
    }
    body.reset();
    try {
      protocol.writeRequest(spans, body);
    } catch (IOException | RuntimeException e) {
      if (size > 1) {
        // Halving isolates the span that cannot be written and still delivers the others.
        return sendHalves(spans, body, deadline);
      }
      logger.log(Level.WARNING, "Dropped a span that could not be written as OTLP " + protocol + ": " + e);
      return size;
    }
    if (body.size() > maxRequestBytes && size > 1) {
      return sendHalves(spans, body, deadline);
    }
    int failed;
    try {
      failed = sender.send(body, size, deadline);
    } catch (RuntimeException e) {
      // Caught here, not only in export(), so that parts already delivered still count.
      return failUnexpectedly(size, e);
    }
    if (failed == OtlpHttpSender.PAYLOAD_TOO_LARGE) {
      logger.log(
          Level.FINE,
          "HTTP 413 for " + size + " spans (" + body.size() + " bytes); sending them in two parts");
      return sendHalves(spans, body, deadline);
    }
    return failed;
  }

  /** Logs a failure nobody planned for (only its type: messages may carry anything). */
  private int failUnexpectedly(int size, Throwable e) {
    logger.log(
        Level.WARNING,
        "Failed to export "
            + size
            + " spans to "
            + endpointForLogs
            + ": "
            + e.getClass().getName());
    return size;
  }

  private int sendHalves(List<SpanData> spans, RequestBuffer body, long deadline) {
    int middle = spans.size() / 2;
    return send(spans.subList(0, middle), body, deadline)
        + send(spans.subList(middle, spans.size()), body, deadline);
  }

  /**
   * Fails later exports at once, cancels the requests in flight, wakes retry waits and closes the
   * client's connections. Does not block. Idempotent; callable from any thread.
   */
  @Override
  public void shutdown() {
    if (shutdown.compareAndSet(false, true)) {
      sender.shutdown();
    }
  }

  /** Returns the sender, for tests. */
  OtlpHttpSender sender() {
    return sender;
  }

  /** Describes the configuration; the API key is never shown, only whether one is set. */
  @Override
  public String toString() {
    return "OtlpHttpSpanExporter{endpoint="
        + endpointForLogs
        + ", apiKey="
        + (hasApiKey ? "<set>" : "<none>")
        + ", protocol="
        + protocol
        + ", gzip="
        + gzip
        + ", timeoutMillis="
        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
        + ", retryPolicy="
        + retryPolicy
        + '}';
  }

  /**
   * Builds an {@link OtlpHttpSpanExporter}. Not thread-safe. Setters validate eagerly and name the
   * bad argument; messages never contain the API key.
   */
  public static final class Builder {
    // Package-private: the sender reads its settings from here.
    String endpoint = DEFAULT_ENDPOINT;
    @Nullable String apiKey;
    final Map<String, String> headers = new LinkedHashMap<>();
    boolean allowInsecure;
    boolean gzip;
    OtlpProtocol protocol = OtlpProtocol.HTTP_PROTOBUF;
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_TIMEOUT_MILLIS);
    RetryPolicy retryPolicy = RetryPolicy.getDefault();
    int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    @Nullable Sleeper sleeper;
    LongSupplier nanoClock = System::nanoTime;
    LongSupplier wallClockMillis = System::currentTimeMillis;
    DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * Sets the full traces URL, {@code http} or {@code https} (default {@value #DEFAULT_ENDPOINT}).
     *
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    public Builder setEndpoint(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      if (HttpUrl.parse(endpoint) == null) {
        // Not echoed: a malformed URL may still carry credentials.
        throw new IllegalArgumentException("endpoint must be an http or https URL");
      }
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets the TraceKit API key, sent as {@code X-API-Key}; surrounding whitespace is trimmed. Null
     * or blank means no key and no header (default).
     *
     * @throws IllegalArgumentException when the key holds a character not allowed in a header
     */
    public Builder setApiKey(@Nullable String apiKey) {
      String key = apiKey == null ? "" : apiKey.trim();
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (c < 0x20 || c > 0x7e) {
          // The message must not quote the key: it would end up in logs.
          throw new IllegalArgumentException(
              "apiKey has a character not allowed in an HTTP header at index " + i);
        }
      }
      this.apiKey = key.isEmpty() ? null : key;
      return this;
    }

    /**
     * Adds a header to every request (from {@code OTEL_EXPORTER_OTLP_HEADERS}, say); the API key's
     * {@code X-API-Key} wins over one of the same name. Values are treated as secrets: never logged.
     *
     * @throws IllegalArgumentException when the name or value holds a character not allowed in a
     *     header (the value is not quoted)
     */
    public Builder putHeader(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      try {
        new Headers.Builder().add(name, value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("header " + name.replaceAll("[^\\x21-\\x7e]", "?")
            + " has a character not allowed in an HTTP header");
      }
      headers.put(name, value);
      return this;
    }

    /**
     * Allows a plain {@code http://} endpoint on a host that is not loopback (default false): the
     * API key and the spans then cross the network unencrypted.
     */
    public Builder setAllowInsecure(boolean allowInsecure) {
      this.allowInsecure = allowInsecure;
      return this;
    }

    /** Sets the encoding of request bodies (default {@link OtlpProtocol#HTTP_PROTOBUF}). */
    public Builder setProtocol(OtlpProtocol protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /** Compresses request bodies with gzip (default false, as TraceKit's own SDKs). */
    public Builder setGzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /**
     * Sets the time budget of one {@link #export} call, every attempt and retry wait included
     * (default 10 s).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder setTimeout(long timeout, TimeUnit unit) {
      if (timeout <= 0) {
        throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
      }
      this.timeoutNanos = unit.toNanos(timeout);
      return this;
    }

    /** Sets how failed requests are retried (default {@link RetryPolicy#getDefault()}). */
    public Builder setRetryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** Sets the body size above which batches are split (default 1 MiB). For tests. */
    Builder setMaxRequestBytes(int maxRequestBytes) {
      if (maxRequestBytes < 1) {
        throw new IllegalArgumentException("maxRequestBytes must be > 0, got " + maxRequestBytes);
      }
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /** Replaces the retry wait (default: a wait that shutdown cuts short). For tests. */
    Builder setSleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Replaces {@link System#nanoTime()}, which measures the time budget. For tests. */
    Builder setNanoClock(LongSupplier nanoClock) {
      this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
      return this;
    }

    /** Replaces {@link System#currentTimeMillis()}, for {@code Retry-After} dates. For tests. */
    Builder setWallClock(LongSupplier wallClockMillis) {
      this.wallClockMillis = Objects.requireNonNull(wallClockMillis, "wallClockMillis");
      return this;
    }

    /** Replaces the random numbers in [0, 1) that jitter backoffs. For tests. */
    Builder setJitter(DoubleSupplier jitter) {
      this.jitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    /**
     * Returns the exporter; its HTTP client is created now, its connections on first export.
     *
     * @throws IllegalArgumentException when the endpoint is plain {@code http://} to a host that is
     *     not loopback and {@link #setAllowInsecure} was not set
     */
    public OtlpHttpSpanExporter build() {
      HttpUrl url = HttpUrl.get(endpoint);
      if (!url.isHttps() && !allowInsecure && !LoopbackHosts.isLoopback(url.host())) {
        throw new IllegalArgumentException(
            "endpoint uses plain http:// to a host that is not loopback ("
                + OtlpHttpSender.redactUrl(url)
                + "); use https://, or setAllowInsecure(true)");
      }
      return new OtlpHttpSpanExporter(this, url);
    }
  }
}

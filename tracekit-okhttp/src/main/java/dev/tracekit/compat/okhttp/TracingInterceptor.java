package dev.tracekit.compat.okhttp;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Scope;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanBuilder;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.internal.UrlRedaction;
import dev.tracekit.compat.core.propagation.TraceHeaders;
import dev.tracekit.compat.core.trace.Tracer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An OkHttp interceptor that turns each call into a CLIENT span and carries the trace to the server
 * in {@code traceparent} and {@code X-Amzn-Trace-Id} headers; the entry point of {@code
 * tracekit-okhttp}. Thread-safe and stateless: one instance may serve any number of clients and
 * calls. It runs on the app's own OkHttp, 3.14 (the last Java release) to 5.x, which this module
 * does not bring.
 *
 * <pre>{@code
 * OkHttpClient traced = TracingInterceptor.wrap(client);
 * // or, with a tracer of your own:
 * OkHttpClient traced = client.newBuilder()
 *     .addInterceptor(TracingInterceptor.create(TraceKit::tracer))
 *     .build();
 * }</pre>
 *
 * <p>Add it as an <em>application</em> interceptor ({@link
 * okhttp3.OkHttpClient.Builder#addInterceptor}), as {@link #wrap} does: then a call is one span, whatever the
 * redirects, retries and cache hits OkHttp performs inside it, and every hop carries that span's
 * ids. The span describes the request as the application made it ({@code url.full} is the first
 * URL) and the final response. It ends when the response headers arrive, or when the call fails.
 *
 * <p>The span is a child of the span current on the thread that runs the interceptor: the caller's
 * thread for {@link okhttp3.Call#execute()}, but a dispatcher thread for {@link
 * okhttp3.Call#enqueue}. For asynchronous calls, name the parent with a request tag, {@code new
 * Request.Builder().tag(Span.class, TraceKit.currentSpan())}, or build the client with {@code new
 * Dispatcher(TraceKit.wrap(executorService))}, which captures the span current when OkHttp submits
 * the call: the caller's, unless the call first waits for a free slot.
 *
 * <p>Following the OpenTelemetry HTTP conventions the span is named after the method and records
 * {@code http.request.method}, {@code url.full} (user info dropped, signature and credential query
 * values replaced by {@code REDACTED}), {@code server.address}, {@code server.port}, {@code
 * http.response.status_code}, {@code network.protocol.version} and the body sizes when known. A
 * status of 400 or more, or an exception, makes the span an error with {@code error.type}. Headers
 * are never recorded. The outgoing request gets both trace headers even when the span is not
 * sampled (flags {@code 00}, {@code Sampled=0}), replacing any values the application set.
 *
 * <p>Exceptions from the call reach the caller unchanged. A failure of the tracing itself is
 * logged, rate-limited, and never breaks the call.
 */
public final class TracingInterceptor implements Interceptor {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(TracingInterceptor.class.getName()));

  private static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL =
      AttributeKey.stringKey("http.request.method_original");
  private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<Long> HTTP_REQUEST_BODY_SIZE =
      AttributeKey.longKey("http.request.body.size");
  private static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<Long> HTTP_RESPONSE_BODY_SIZE =
      AttributeKey.longKey("http.response.body.size");
  private static final AttributeKey<String> NETWORK_PROTOCOL_VERSION =
      AttributeKey.stringKey("network.protocol.version");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /** The methods the HTTP conventions know; others are recorded as {@code _OTHER}. */
  private static final Set<String> KNOWN_METHODS =
      Collections.unmodifiableSet(
          new HashSet<>(
              Arrays.asList(
                  "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE")));

  private final Supplier<Tracer> tracer;

  private TracingInterceptor(Supplier<Tracer> tracer) {
    this.tracer = tracer;
  }

  /**
   * Returns a client, sharing {@code client}'s pools, whose calls become CLIENT spans (children of
   * the current span) and carry the trace to the server in {@code traceparent} and {@code
   * X-Amzn-Trace-Id} headers; {@code client} itself when it already has this interceptor. The spans
   * go to whichever TraceKit pipeline is global when the call runs.
   */
  public static OkHttpClient wrap(OkHttpClient client) {
    for (Interceptor interceptor : client.interceptors()) {
      if (interceptor instanceof TracingInterceptor) {
        return client;
      }
    }
    return client.newBuilder().addInterceptor(create(TraceKit::tracer)).build();
  }

  /**
   * Returns an interceptor that starts spans with the tracer {@code tracer} supplies at each call
   * (so that {@code TraceKit::tracer} follows re-initialization). A null tracer skips tracing.
   */
  public static TracingInterceptor create(Supplier<Tracer> tracer) {
    return new TracingInterceptor(Objects.requireNonNull(tracer, "tracer"));
  }

  /**
   * Traces the call: starts the span, makes it current, adds the trace headers, proceeds, records
   * the outcome and ends the span. Throws what {@code chain.proceed} throws.
   */
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Span span = startSpan(request);
    if (span == null) {
      return chain.proceed(request);
    }
    Request traced = withTraceHeaders(request, span.getSpanContext());
    Scope scope = makeCurrent(span);
    try {
      Response response = chain.proceed(traced);
      onResponse(span, response);
      return response;
    } catch (IOException | RuntimeException e) {
      onFailure(span, e);
      throw e;
    } finally {
      closeAndEnd(scope, span);
    }
  }

  @Nullable
  private Span startSpan(Request request) {
    Span span;
    String method = request.method();
    boolean knownMethod = KNOWN_METHODS.contains(method);
    try {
      Tracer t = tracer.get();
      if (t == null) {
        return null;
      }
      SpanBuilder builder = t.spanBuilder(knownMethod ? method : "HTTP").setSpanKind(SpanKind.CLIENT);
      Span parent = request.tag(Span.class);
      if (parent != null) {
        builder.setParent(parent);
      }
      span = builder.startDetached();
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not start a span for an HTTP call", e);
      return null;
    }
    if (span.isRecording()) {
      try {
        onRequest(span, request, method, knownMethod);
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, "Could not record an HTTP request", e);
      }
    }
    return span;
  }

  private static void onRequest(Span span, Request request, String method, boolean knownMethod) {
    HttpUrl url = request.url();
    if (knownMethod) {
      span.setAttribute(HTTP_REQUEST_METHOD, method);
    } else {
      span.setAttribute(HTTP_REQUEST_METHOD, "_OTHER");
      span.setAttribute(HTTP_REQUEST_METHOD_ORIGINAL, method);
    }
    span.setAttribute(URL_FULL, redact(url));
    span.setAttribute(SERVER_ADDRESS, url.host());
    span.setAttribute(SERVER_PORT, (long) url.port());
    RequestBody body = request.body();
    if (body != null) {
      try {
        long size = body.contentLength();
        if (size >= 0) {
          span.setAttribute(HTTP_REQUEST_BODY_SIZE, size);
        }
      } catch (IOException e) {
        // The size is unknown; the call itself will report any real problem with the body.
      }
    }
  }

  private static Request withTraceHeaders(Request request, SpanContext context) {
    try {
      Request.Builder builder = request.newBuilder();
      TraceHeaders.inject(context, builder::header);
      return builder.build();
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not add trace headers to an HTTP request", e);
      return request;
    }
  }

  @Nullable
  private static Scope makeCurrent(Span span) {
    try {
      return span.makeCurrent();
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not make the HTTP span current", e);
      return null;
    }
  }

  private static void onResponse(Span span, Response response) {
    if (!span.isRecording()) {
      return;
    }
    try {
      int code = response.code();
      span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) code);
      String version = protocolVersion(response.protocol());
      if (version != null) {
        span.setAttribute(NETWORK_PROTOCOL_VERSION, version);
      }
      ResponseBody body = response.body();
      long size = body == null ? -1 : body.contentLength();
      if (size >= 0) {
        span.setAttribute(HTTP_RESPONSE_BODY_SIZE, size);
      }
      if (code >= 400) {
        span.setAttribute(ERROR_TYPE, String.valueOf(code));
        span.setStatus(StatusCode.ERROR);
      }
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not record an HTTP response", e);
    }
  }

  private static void onFailure(Span span, Exception failure) {
    if (!span.isRecording()) {
      return;
    }
    try {
      span.setAttribute(ERROR_TYPE, failure.getClass().getName());
      span.recordException(failure);
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not record an HTTP call failure", e);
    }
  }

  private static void closeAndEnd(@Nullable Scope scope, Span span) {
    try {
      if (scope != null) {
        scope.close();
      }
      span.end();
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not end the HTTP span", e);
    }
  }

  @Nullable
  private static String protocolVersion(Protocol protocol) {
    switch (protocol) {
      case HTTP_1_0:
        return "1.0";
      case HTTP_1_1:
        return "1.1";
      case HTTP_2:
      case H2_PRIOR_KNOWLEDGE:
        return "2";
      default:
        return null;
    }
  }

  /** Returns {@code url} without user info and with secret query values replaced. */
  static String redact(HttpUrl url) {
    return UrlRedaction.redact(url.toString());
  }

  @Override
  public String toString() {
    return "TracingInterceptor";
  }
}

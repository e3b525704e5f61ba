package dev.tracekit.compat.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.propagation.AwsTraceHeader;
import dev.tracekit.compat.core.propagation.W3CTraceparent;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.Sampler;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TracingInterceptorTest {
  private final CollectingSpanProcessor processor = new CollectingSpanProcessor();
  private final Tracer tracer =
      Tracer.builder()
          .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
          .setSpanProcessor(processor)
          .build();
  private final MockWebServer server = new MockWebServer();
  private OkHttpClient baseClient;
  private OkHttpClient client;

  @BeforeEach
  void setUp() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
    baseClient = new OkHttpClient.Builder().build();
    client = baseClient.newBuilder().addInterceptor(TracingInterceptor.create(() -> tracer)).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
    baseClient.dispatcher().executorService().shutdown();
    baseClient.connectionPool().evictAll();
  }

  @Test
  void propagatesTheClientSpanIdsInBothHeaders() throws Exception {
    server.enqueue(new MockResponse().setBody("hello"));

    execute(client, new Request.Builder().url(server.url("/cart")).build());

    SpanData span = onlySpan();
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getName()).isEqualTo("GET");
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    RecordedRequest recorded = takeRequest();
    SpanContext context = span.getSpanContext();
    assertThat(recorded.getHeader("traceparent"))
        .isEqualTo("00-" + context.getTraceId() + "-" + context.getSpanId() + "-01");
    assertThat(recorded.getHeader("X-Amzn-Trace-Id"))
        .isEqualTo(
            "Root="
                + AwsTraceHeader.formatTraceId(context.getTraceId())
                + ";Parent="
                + context.getSpanId()
                + ";Sampled=1");
  }

  @Test
  void clientSpanIsAChildOfTheCurrentSpan() throws Exception {
    server.enqueue(new MockResponse());
    SpanContext parentContext;

    try (Span parent = tracer.spanBuilder("checkout").start()) {
      parentContext = parent.getSpanContext();
      execute(client, new Request.Builder().url(server.url("/")).build());
      assertThat(Span.current()).isSameAs(parent);
    }

    SpanData span = processor.spans().get(0);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getParentSpanContext()).isEqualTo(parentContext);
    assertThat(span.getSpanContext().getTraceId()).isEqualTo(parentContext.getTraceId());
    SpanContext sent = W3CTraceparent.parse(takeRequest().getHeader("traceparent"));
    assertThat(sent.getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
  }

  @Test
  void requestTagNamesTheParentForCallsOnOtherThreads() throws Exception {
    server.enqueue(new MockResponse());
    Span parent = tracer.spanBuilder("consumer").startDetached();

    execute(client, new Request.Builder().url(server.url("/")).tag(Span.class, parent).build());
    parent.end();

    SpanData span = processor.spans().get(0);
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getParentSpanContext()).isEqualTo(parent.getSpanContext());
  }

  @Test
  void requestTagNamesTheParentOfAnAsynchronousCall() throws Exception {
    server.enqueue(new MockResponse());
    Span parent = tracer.spanBuilder("consumer").startDetached();
    CountDownLatch done = new CountDownLatch(1);

    client
        .newCall(new Request.Builder().url(server.url("/")).tag(Span.class, parent).build())
        .enqueue(countDownOnCompletion(done));

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    parent.end();
    assertThat(processor.spans().get(0).getParentSpanContext())
        .isEqualTo(parent.getSpanContext());
  }

  @Test
  void wrappedDispatcherCarriesTheCurrentSpanToAsynchronousCalls() throws Exception {
    server.enqueue(new MockResponse());
    ExecutorService executor = Executors.newSingleThreadExecutor();
    OkHttpClient async = client.newBuilder().dispatcher(new Dispatcher(TraceKit.wrap(executor))).build();
    CountDownLatch done = new CountDownLatch(1);
    SpanContext parentContext;

    try (Span parent = tracer.spanBuilder("checkout").start()) {
      parentContext = parent.getSpanContext();
      async.newCall(new Request.Builder().url(server.url("/")).build())
          .enqueue(countDownOnCompletion(done));
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      executor.shutdown();
    }

    assertThat(processor.spans().get(0).getParentSpanContext()).isEqualTo(parentContext);
  }

  private static Callback countDownOnCompletion(CountDownLatch done) {
    return new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        response.close();
        done.countDown();
      }

      @Override
      public void onFailure(Call call, IOException e) {
        done.countDown();
      }
    };
  }

  @Test
  void recordsTheHttpAttributes() throws Exception {
    server.enqueue(new MockResponse().setBody("hello"));
    HttpUrl url =
        server
            .url("/upload?a=1&X-Amz-Signature=secret&b=2")
            .newBuilder()
            .username("user")
            .password("pw")
            .build();

    execute(
        client,
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer secret")
            .post(RequestBody.create("abc", MediaType.get("text/plain")))
            .build());

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("POST");
    assertThat(span.getStatusCode()).isEqualTo(StatusCode.UNSET);
    Attributes attributes = span.getAttributes();
    assertThat(attributes.get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
    assertThat(attributes.get(AttributeKey.stringKey("url.full")))
        .isEqualTo(
            "http://"
                + server.getHostName()
                + ":"
                + server.getPort()
                + "/upload?a=1&X-Amz-Signature=REDACTED&b=2");
    assertThat(attributes.get(AttributeKey.stringKey("server.address")))
        .isEqualTo(server.getHostName());
    assertThat(attributes.get(AttributeKey.longKey("server.port"))).isEqualTo((long) server.getPort());
    assertThat(attributes.get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(attributes.get(AttributeKey.stringKey("network.protocol.version"))).isEqualTo("1.1");
    assertThat(attributes.get(AttributeKey.longKey("http.request.body.size"))).isEqualTo(3L);
    assertThat(attributes.get(AttributeKey.longKey("http.response.body.size"))).isEqualTo(5L);
    assertThat(attributes.get(AttributeKey.stringKey("error.type"))).isNull();
    assertThat(attributes.toString()).doesNotContain("secret").doesNotContain("pw");
    assertThat(attributes.asMap().keySet())
        .extracting(AttributeKey::getKey)
        .noneMatch(key -> key.contains("header"));
  }

  @Test
  void recordsHttp2() throws Exception {
    server.shutdown();
    MockWebServer h2 = new MockWebServer();
    h2.setProtocols(Collections.singletonList(Protocol.H2_PRIOR_KNOWLEDGE));
    h2.enqueue(new MockResponse());
    h2.start(InetAddress.getLoopbackAddress(), 0);
    OkHttpClient h2Client =
        client.newBuilder().protocols(Collections.singletonList(Protocol.H2_PRIOR_KNOWLEDGE)).build();
    try {
      execute(h2Client, new Request.Builder().url(h2.url("/")).build());
    } finally {
      h2.shutdown();
    }

    assertThat(onlySpan().getAttributes().get(AttributeKey.stringKey("network.protocol.version")))
        .isEqualTo("2");
  }

  @Test
  void methodsOutsideTheConventionsAreRecordedAsOther() throws Exception {
    server.enqueue(new MockResponse());

    execute(client, new Request.Builder().url(server.url("/dav")).method("PROPFIND", null).build());

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("HTTP");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method")))
        .isEqualTo("_OTHER");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method_original")))
        .isEqualTo("PROPFIND");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 500, 503})
  void errorStatusCodesMarkTheSpanAsAnError(int code) throws Exception {
    server.enqueue(new MockResponse().setResponseCode(code));

    execute(client, new Request.Builder().url(server.url("/")).build());

    SpanData span = onlySpan();
    assertThat(span.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(String.valueOf(code));
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isEqualTo((long) code);
  }

  @Test
  void replacesTraceHeadersTheApplicationSet() throws Exception {
    server.enqueue(new MockResponse());

    execute(
        client,
        new Request.Builder()
            .url(server.url("/"))
            .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .header("X-Amzn-Trace-Id", "Root=1-0af76519-16cd43dd8448eb211c80319c")
            .build());

    RecordedRequest recorded = takeRequest();
    String spanId = onlySpan().getSpanContext().getSpanId();
    assertThat(recorded.getHeaders().values("traceparent")).hasSize(1);
    assertThat(recorded.getHeaders().values("X-Amzn-Trace-Id")).hasSize(1);
    assertThat(W3CTraceparent.parse(recorded.getHeader("traceparent")).getSpanId())
        .isEqualTo(spanId);
    assertThat(AwsTraceHeader.parse(recorded.getHeader("X-Amzn-Trace-Id")).getParentId())
        .isEqualTo(spanId);
  }

  @Test
  void connectionFailureIsRecordedAndReachesTheCaller() throws Exception {
    HttpUrl closed = server.url("/");
    server.shutdown();

    Throwable thrown =
        catchThrowable(() -> execute(client, new Request.Builder().url(closed).build()));

    assertThat(thrown).isInstanceOf(IOException.class);
    SpanData span = onlySpan();
    assertThat(span.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(thrown.getClass().getName());
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
        .isNull();
    assertThat(span.getEvents()).hasSize(1);
    EventData event = span.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(thrown.getClass().getName());
  }

  @Test
  void theSameIoExceptionReachesTheCaller() {
    IOException failure = new IOException("boom");
    OkHttpClient failing =
        client.newBuilder()
            .addInterceptor(
                chain -> {
                  throw failure;
                })
            .build();

    assertThatThrownBy(() -> execute(failing, new Request.Builder().url(server.url("/")).build()))
        .isSameAs(failure);

    SpanData span = onlySpan();
    assertThat(span.getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatusDescription()).isEqualTo("boom");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.io.IOException");
  }

  @Test
  void spanIsCurrentWhileTheCallProceeds() throws Exception {
    server.enqueue(new MockResponse());
    SpanContext[] seen = new SpanContext[1];
    OkHttpClient observing =
        client.newBuilder()
            .addInterceptor(
                chain -> {
                  seen[0] = Span.current().getSpanContext();
                  return chain.proceed(chain.request());
                })
            .build();

    execute(observing, new Request.Builder().url(server.url("/")).build());

    assertThat(seen[0]).isEqualTo(onlySpan().getSpanContext());
    assertThat(Span.current()).isSameAs(Span.invalid());
  }

  @Test
  void unsampledParentPropagatesWithoutExportingASpan() throws Exception {
    server.enqueue(new MockResponse());
    SpanContext parentContext;

    try (Span parent = tracer.spanBuilder("ignored").setSampled(false).start()) {
      parentContext = parent.getSpanContext();
      execute(client, new Request.Builder().url(server.url("/")).build());
    }

    assertThat(processor.spans()).isEmpty();
    RecordedRequest recorded = takeRequest();
    SpanContext sent = W3CTraceparent.parse(recorded.getHeader("traceparent"));
    assertThat(recorded.getHeader("traceparent")).endsWith("-00");
    assertThat(sent.getTraceId()).isEqualTo(parentContext.getTraceId());
    assertThat(sent.getSpanId()).isNotEqualTo(parentContext.getSpanId());
    AwsTraceHeader aws = AwsTraceHeader.parse(recorded.getHeader("X-Amzn-Trace-Id"));
    assertThat(aws.getSamplingDecision()).isEqualTo(AwsTraceHeader.SamplingDecision.NOT_SAMPLED);
    assertThat(aws.getTraceId()).isEqualTo(parentContext.getTraceId());
    assertThat(aws.getParentId()).isEqualTo(sent.getSpanId());
  }

  @Test
  void failingTracerSupplierDoesNotBreakTheCall() throws Exception {
    server.enqueue(new MockResponse().setBody("ok"));
    server.enqueue(new MockResponse().setBody("ok"));
    OkHttpClient broken =
        baseClient.newBuilder()
            .addInterceptor(
                TracingInterceptor.create(
                    () -> {
                      throw new IllegalStateException("tracing is broken");
                    }))
            .build();
    OkHttpClient absent =
        baseClient.newBuilder().addInterceptor(TracingInterceptor.create(() -> null)).build();

    assertThat(execute(broken, new Request.Builder().url(server.url("/")).build())).isEqualTo("ok");
    assertThat(execute(absent, new Request.Builder().url(server.url("/")).build())).isEqualTo("ok");

    assertThat(takeRequest().getHeader("traceparent")).isNull();
    assertThat(takeRequest().getHeader("traceparent")).isNull();
  }

  @Test
  void redactsUserInfoAndSecretQueryValues() {
    assertThat(TracingInterceptor.redact(HttpUrl.get("https://u:p@example.com/a?b=c")))
        .isEqualTo("https://example.com/a?b=c");
    assertThat(TracingInterceptor.redact(HttpUrl.get("https://example.com/a?b=c&d")))
        .isEqualTo("https://example.com/a?b=c&d");
    assertThat(
            TracingInterceptor.redact(
                HttpUrl.get(
                    "https://s3.amazonaws.com/k?X-Amz-Credential=AKIA%2F1&x-amz-signature=abc"
                        + "&AWSAccessKeyId=AKIA&Signature=s&sig=t&X-Goog-Signature=g"
                        + "&X-Amz-Security-Token=tok&X-Amz-Expires=60")))
        .isEqualTo(
            "https://s3.amazonaws.com/k?X-Amz-Credential=REDACTED&x-amz-signature=REDACTED"
                + "&AWSAccessKeyId=REDACTED&Signature=REDACTED&sig=REDACTED"
                + "&X-Goog-Signature=REDACTED&X-Amz-Security-Token=REDACTED&X-Amz-Expires=60");
  }

  private static String execute(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return response.body() == null ? "" : response.body().string();
    }
  }

  private SpanData onlySpan() {
    assertThat(processor.spans()).hasSize(1);
    return processor.spans().get(0);
  }

  private RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest recorded = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(recorded).as("request received by the server").isNotNull();
    return recorded;
  }
}

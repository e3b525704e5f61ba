package dev.tracekit.compat.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.propagation.AwsTraceHeader;
import dev.tracekit.compat.core.propagation.W3CTraceparent;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TracingInterceptor#wrap} with the global pipeline. */
class WrapHttpClientTest {
  private final RecordingExporter exporter = new RecordingExporter();
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient client = new OkHttpClient.Builder().build();

  @BeforeEach
  void setUp() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
    TraceKit.init(
        TraceKitConfig.builder()
            .setEnabled(true)
            .setSampleRate(1.0)
            .setSpanExporter(exporter)
            .setShutdownHook(false)
            .build());
  }

  @AfterEach
  void tearDown() throws IOException {
    TraceKit.shutdown();
    server.shutdown();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Test
  void wrappedClientSendsSpansToTheGlobalPipeline() throws Exception {
    server.enqueue(new MockResponse().setBody("ok"));
    OkHttpClient traced = TracingInterceptor.wrap(client);
    SpanContext parentContext;

    try (Span parent = TraceKit.startSpan("checkout");
        Response response =
            traced.newCall(new Request.Builder().url(server.url("/pay")).build()).execute()) {
      parentContext = parent.getSpanContext();
      assertThat(response.body().string()).isEqualTo("ok");
    }
    assertThat(TraceKit.flush()).isTrue();

    List<SpanData> spans = exporter.spans();
    assertThat(spans).extracting(SpanData::getName).containsExactly("GET", "checkout");
    SpanData clientSpan = spans.get(0);
    assertThat(clientSpan.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(clientSpan.getParentSpanContext()).isEqualTo(parentContext);
    RecordedRequest recorded = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(recorded).isNotNull();
    assertThat(recorded.getHeader("traceparent"))
        .isEqualTo(W3CTraceparent.format(clientSpan.getSpanContext()));
    assertThat(recorded.getHeader("X-Amzn-Trace-Id"))
        .isEqualTo(AwsTraceHeader.format(clientSpan.getSpanContext()));
  }

  @Test
  void wrappingTwiceAddsOneInterceptor() {
    OkHttpClient once = TracingInterceptor.wrap(client);
    OkHttpClient twice = TracingInterceptor.wrap(once);

    assertThat(client.interceptors()).isEmpty();
    assertThat(once.interceptors()).hasSize(1).allMatch(i -> i instanceof TracingInterceptor);
    assertThat(twice).isSameAs(once);
    assertThat(twice.interceptors()).hasSize(1);
  }
}

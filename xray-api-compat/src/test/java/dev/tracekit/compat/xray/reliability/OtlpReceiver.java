package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.PipelineStats;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.OtlpTestSupport;
import dev.tracekit.compat.core.secrets.TestSecrets;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A healthy loopback OTLP receiver for the bad-input tests, with the TraceKit pipeline that
 * exports to it: every request body is parsed with the official proto (a body that does not parse
 * fails {@link #flush()}), and the spans and body sizes are kept for the test to read.
 */
final class OtlpReceiver implements Closeable {
  private final MockWebServer server = new MockWebServer();
  private final List<Span> spans = new ArrayList<>();
  private final List<Integer> bodySizes = new ArrayList<>();
  private final List<String> invalidBodies = new ArrayList<>();

  private OtlpReceiver() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            receive(request.getBody().readByteArray());
            return new MockResponse().setBody("{}");
          }
        });
  }

  /**
   * Starts a receiver and initializes TraceKit to export to it: a queue of {@code maxQueueSize}
   * spans, batches of 512, exports on flush or when a batch is full.
   */
  static OtlpReceiver startWithPipeline(int maxQueueSize) throws IOException {
    OtlpReceiver receiver = new OtlpReceiver();
    receiver.server.start(InetAddress.getByName("127.0.0.1"), 0);
    TraceKit.init(
        TraceKitConfig.builder()
            .setEndpoint("http://127.0.0.1:" + receiver.server.getPort() + "/v1/traces")
            .setApiKey(TestSecrets.API_KEY)
            .setServiceName("bad-input")
            .setShutdownHook(false)
            .setMaxQueueSize(maxQueueSize)
            .setMaxExportBatchSize(512)
            .setScheduleDelay(60, TimeUnit.SECONDS)
            .setExportTimeout(30, TimeUnit.SECONDS)
            .build());
    return receiver;
  }

  private void receive(byte[] body) {
    String json = new String(body, StandardCharsets.UTF_8);
    ExportTraceServiceRequest request;
    try {
      request = OtlpTestSupport.parse(json);
    } catch (RuntimeException | AssertionError e) {
      synchronized (this) {
        invalidBodies.add(e.toString());
      }
      return;
    }
    synchronized (this) {
      bodySizes.add(body.length);
      spans.addAll(OtlpTestSupport.allSpans(request));
    }
  }

  /**
   * Flushes (bounded) and checks that every span ended was delivered, none dropped or failed, and
   * every body was valid OTLP. Returns the spans received so far.
   */
  List<Span> flush() {
    assertThat(TraceKit.flush(30, TimeUnit.SECONDS)).as("flush within 30 s").isTrue();
    PipelineStats stats = TraceKit.getStats();
    assertThat(stats.getSpansDropped()).as("dropped: %s", stats).isZero();
    assertThat(stats.getSpansFailed()).as("failed: %s", stats).isZero();
    assertThat(stats.getSpansExported()).as("exported == ended: %s", stats).isEqualTo(stats.getSpansEnded());
    synchronized (this) {
      assertThat(invalidBodies).as("bodies that are not valid OTLP").isEmpty();
      return new ArrayList<>(spans);
    }
  }

  /** Returns the sizes, in bytes, of the request bodies received so far. */
  synchronized List<Integer> bodySizes() {
    return new ArrayList<>(bodySizes);
  }

  /** Returns the one span named {@code name}; fails unless there is exactly one. */
  static Span only(List<Span> spans, String name) {
    List<Span> named = spans.stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
    assertThat(named).as("spans named %s among %s", name, names(spans)).hasSize(1);
    return named.get(0);
  }

  static List<String> names(List<Span> spans) {
    return spans.stream().map(Span::getName).collect(Collectors.toList());
  }

  /** Returns the span's attributes by key, in order. */
  static Map<String, AnyValue> attributes(Span span) {
    Map<String, AnyValue> attributes = new LinkedHashMap<>();
    for (KeyValue kv : span.getAttributesList()) {
      attributes.put(kv.getKey(), kv.getValue());
    }
    return attributes;
  }

  static String spanId(Span span) {
    return OtlpTestSupport.bytesToHex(span.getSpanId());
  }

  static String parentId(Span span) {
    return OtlpTestSupport.bytesToHex(span.getParentSpanId());
  }

  static String traceId(Span span) {
    return OtlpTestSupport.bytesToHex(span.getTraceId());
  }

  @Override
  public void close() throws IOException {
    TraceKit.shutdown();
    server.shutdown();
  }
}

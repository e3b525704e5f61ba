package dev.tracekit.compat.xray.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.OtlpTestSupport;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A TraceKit backend on loopback for end-to-end tests: the test kit's {@link ScriptedOtlpReceiver}
 * answering 200 to every OTLP request (each payload checked with the official proto), plus helpers
 * to read the spans it received. {@link #initTraceKit()} points the real TraceKit
 * pipeline (batch processor, OTLP/HTTP JSON exporter) at it.
 */
final class OtlpBackend implements AutoCloseable {
  static final String API_KEY = TestSecrets.API_KEY;

  private final ScriptedOtlpReceiver receiver = new ScriptedOtlpReceiver().answerOk();
  private final MockWebServer server = receiver.server();
  private final List<ExportTraceServiceRequest> received = new ArrayList<>();
  private int taken;

  OtlpBackend() throws IOException {
    receiver.start();
  }

  /** Returns the traces URL, such as {@code http://127.0.0.1:1234/v1/traces}. */
  String endpoint() {
    return receiver.endpoint();
  }

  /** Initializes TraceKit to export to this backend. */
  OtlpBackend initTraceKit() {
    TraceKit.init(
        TraceKitConfig.builder().setEndpoint(endpoint()).setApiKey(API_KEY).setShutdownHook(false).build());
    return this;
  }

  /** Flushes TraceKit and returns every span received so far. */
  List<Span> flushAndCollect() throws InterruptedException {
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).as("TraceKit.flush").isTrue();
    int requests = server.getRequestCount();
    while (taken < requests) {
      RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
      assertThat(request).as("an OTLP request the server counted").isNotNull();
      accept(request);
    }
    return spans();
  }

  /**
   * Waits (at most {@code timeoutSeconds}) until at least {@code minSpans} spans have arrived, for
   * exports from another process, and returns all received so far.
   */
  List<Span> awaitSpans(int minSpans, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (spans().size() < minSpans) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      RecordedRequest request = server.takeRequest(left, TimeUnit.NANOSECONDS);
      if (request != null) {
        accept(request);
      }
    }
    return spans();
  }

  /**
   * Returns the next request as received (headers included) without checking it, waiting at most
   * {@code timeoutSeconds}; null when none came.
   */
  RecordedRequest takeUnchecked(long timeoutSeconds) throws InterruptedException {
    return server.takeRequest(timeoutSeconds, TimeUnit.SECONDS);
  }

  private synchronized void accept(RecordedRequest request) {
    taken++;
    assertThat(request.getPath()).isEqualTo("/v1/traces");
    assertThat(request.getHeader("X-API-Key")).isEqualTo(API_KEY);
    received.add(OtlpTestSupport.parseRequest(request));
  }

  /** Returns every span received so far, whatever its resource or scope. */
  synchronized List<Span> spans() {
    List<Span> spans = new ArrayList<>();
    for (ExportTraceServiceRequest request : received) {
      spans.addAll(OtlpTestSupport.allSpans(request));
    }
    return spans;
  }

  /** Returns the resource attributes of the first resource received. */
  synchronized Map<String, AnyValue> resource() {
    assertThat(received).isNotEmpty();
    ResourceSpans first = received.get(0).getResourceSpans(0);
    return attributes(first.getResource().getAttributesList());
  }

  static Span byName(List<Span> spans, String name) {
    for (Span span : spans) {
      if (span.getName().equals(name)) {
        return span;
      }
    }
    throw new AssertionError("no span named " + name + " among " + names(spans));
  }

  static List<String> names(List<Span> spans) {
    List<String> names = new ArrayList<>();
    for (Span span : spans) {
      names.add(span.getName());
    }
    return names;
  }

  static Map<String, AnyValue> attributes(Span span) {
    return attributes(span.getAttributesList());
  }

  static Map<String, AnyValue> attributes(List<KeyValue> list) {
    Map<String, AnyValue> map = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      map.put(kv.getKey(), kv.getValue());
    }
    return map;
  }

  static String hex(com.google.protobuf.ByteString bytes) {
    return OtlpTestSupport.bytesToHex(bytes);
  }

  static List<String> strings(AnyValue array) {
    List<String> values = new ArrayList<>();
    for (AnyValue value : array.getArrayValue().getValuesList()) {
      values.add(value.getStringValue());
    }
    return values;
  }

  @Override
  public void close() throws IOException {
    TraceKit.shutdown();
    receiver.close();
    receiver.assertEveryPayloadWasValid();
  }
}

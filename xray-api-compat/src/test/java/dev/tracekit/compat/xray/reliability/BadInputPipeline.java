package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.OtlpTestSupport;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.PipelineStats;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The TraceKit pipeline of the bad-input tests, exporting to a healthy loopback receiver (the test
 * kit's {@link ScriptedOtlpReceiver}): every request body is parsed with the official proto (a
 * body that does not parse fails {@link #flush()}), and the spans and body sizes are kept for the
 * test to read.
 */
final class BadInputPipeline implements Closeable {
  private final ScriptedOtlpReceiver receiver = new ScriptedOtlpReceiver().answerOk();

  private BadInputPipeline() {}

  /**
   * Starts a receiver and initializes TraceKit to export to it: a queue of {@code maxQueueSize}
   * spans, batches of 512, exports on flush or when a batch is full.
   */
  static BadInputPipeline startWithPipeline(int maxQueueSize) throws IOException {
    BadInputPipeline pipeline = new BadInputPipeline();
    pipeline.receiver.start(0);
    TraceKit.init(
        TraceKitConfig.builder()
            .setEndpoint(pipeline.receiver.endpoint())
            .setApiKey(TestSecrets.API_KEY)
            .setServiceName("bad-input")
            .setShutdownHook(false)
            .setMaxQueueSize(maxQueueSize)
            .setMaxExportBatchSize(512)
            .setScheduleDelay(60, TimeUnit.SECONDS)
            .setExportTimeout(30, TimeUnit.SECONDS)
            .build());
    return pipeline;
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
    receiver.assertEveryPayloadWasValid();
    return receiver.spans();
  }

  /** Returns the sizes, in bytes, of the request bodies received so far. */
  List<Integer> bodySizes() {
    return receiver.bodySizes();
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
    receiver.close();
  }
}

package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * The spans of scenario (b) and the size of their request bodies, TraceKit's and OpenTelemetry
 * Java's. Scenario (b) is one segment with 3 nested subsegments, each with annotations (as {@code
 * XRayApiBenchmark.request} records them), made here as the X-Ray mapping makes them: a SERVER span
 * and 3 nested INTERNAL spans, each annotation an attribute, their keys in {@code
 * aws.xray.annotations}. Both SDKs record the same spans: same ids (from a seeded random), times,
 * resource, scope, names, kinds and attributes, so only the encoding differs.
 */
final class OtlpWireSizes {
  private static final long T0 = 1_700_000_000_000_000_000L;

  /**
   * The resource of the spans: what TraceKit puts on every span of a service. Keys in order, as
   * OpenTelemetry's attributes always are (TraceKit's keep the order they were set in).
   */
  static final Attributes RESOURCE =
      Attributes.builder()
          .put("host.name", "ip-10-0-0-42")
          .put("process.pid", 4242L)
          .put("service.name", "checkout")
          .put("telemetry.sdk.language", "java")
          .put("telemetry.sdk.name", "tracekit-xray-compat")
          .put("telemetry.sdk.version", "1.0.0")
          .build();

  /** One span of the scenario. */
  private static final class SpanSpec {
    final String name;
    final SpanKind kind;
    final int parent; // index in the request, -1 for the root
    final Attributes attributes;

    SpanSpec(String name, SpanKind kind, int parent, Attributes attributes) {
      this.name = name;
      this.kind = kind;
      this.parent = parent;
      this.attributes = attributes;
    }
  }

  private static final List<SpanSpec> REQUEST = new ArrayList<>();

  static {
    REQUEST.add(spec("checkout", SpanKind.SERVER, -1, "route", "/checkout"));
    REQUEST.add(spec("load-cart", SpanKind.INTERNAL, 0, "customer", "c-42", "items", 3L));
    REQUEST.add(spec("price", SpanKind.INTERNAL, 1, "currency", "EUR", "discounted", true));
    REQUEST.add(spec("query", SpanKind.INTERNAL, 2, "rows", 12L, "table", "carts"));
  }

  private OtlpWireSizes() {}

  /**
   * A span spec with these annotations (key, value pairs, keys in order) and their keys, all in key
   * order, as OpenTelemetry's attributes always are.
   */
  private static SpanSpec spec(String name, SpanKind kind, int parent, Object... annotations) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < annotations.length; i += 2) {
      keys.add((String) annotations[i]);
    }
    Attributes.Builder attributes =
        Attributes.builder().put("aws.xray.annotations", keys.toArray(new String[0]));
    for (int i = 0; i < annotations.length; i += 2) {
      String key = (String) annotations[i];
      Object value = annotations[i + 1];
      if (value instanceof String) {
        attributes.put(key, (String) value);
      } else if (value instanceof Long) {
        attributes.put(key, (long) (Long) value);
      } else {
        attributes.put(key, (boolean) (Boolean) value);
      }
    }
    return new SpanSpec(name, kind, parent, attributes.build());
  }

  /** Returns {@code requests} times the 4 spans of scenario (b), ended, with TraceKit's tracer. */
  static List<SpanData> scenarioB(int requests) {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer =
        Tracer.builder().setResource(Resource.create(RESOURCE)).setSpanProcessor(processor).build();
    Ids ids = new Ids();
    for (int r = 0; r < requests; r++) {
      Span[] spans = new Span[REQUEST.size()];
      String traceId = ids.traceIds.poll();
      for (int i = 0; i < REQUEST.size(); i++) {
        SpanSpec spec = REQUEST.get(i);
        dev.tracekit.compat.core.api.SpanBuilder builder =
            tracer
                .spanBuilder(spec.name)
                .setSpanKind(spec.kind)
                .setSpanId(ids.spanIds.poll())
                .setStartTimestamp(start(r, i), TimeUnit.NANOSECONDS);
        if (spec.parent < 0) {
          builder.setNoParent().setTraceId(traceId);
        } else {
          builder.setParent(spans[spec.parent]);
        }
        spans[i] = builder.startDetached();
        Span span = spans[i];
        spec.attributes.forEach((key, value) -> setAttribute(span, key, value));
      }
      for (int i = REQUEST.size() - 1; i >= 0; i--) {
        spans[i].end(end(r, i), TimeUnit.NANOSECONDS);
      }
    }
    return processor.spans();
  }

  @SuppressWarnings("unchecked")
  private static void setAttribute(Span span, AttributeKey<?> key, Object value) {
    span.setAttribute((AttributeKey<Object>) key, value);
  }

  /** Returns the same spans as {@link #scenarioB}, recorded with OpenTelemetry Java's SDK. */
  static List<io.opentelemetry.sdk.trace.data.SpanData> scenarioBWithOpenTelemetry(int requests) {
    List<io.opentelemetry.sdk.trace.data.SpanData> ended = new ArrayList<>();
    Ids ids = new Ids();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(io.opentelemetry.sdk.resources.Resource.create(otel(RESOURCE)))
            .setIdGenerator(ids)
            .addSpanProcessor(SimpleSpanProcessor.create(new Collecting(ended)))
            .build();
    io.opentelemetry.api.trace.Tracer tracer =
        provider.get(OtlpSpans.SCOPE_NAME, OtlpSpans.SCOPE_VERSION);
    for (int r = 0; r < requests; r++) {
      io.opentelemetry.api.trace.Span[] spans = new io.opentelemetry.api.trace.Span[REQUEST.size()];
      for (int i = 0; i < REQUEST.size(); i++) {
        SpanSpec spec = REQUEST.get(i);
        Context parent = spec.parent < 0 ? Context.root() : Context.root().with(spans[spec.parent]);
        spans[i] =
            tracer
                .spanBuilder(spec.name)
                .setParent(parent)
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.valueOf(spec.kind.name()))
                .setAllAttributes(otel(spec.attributes))
                .setStartTimestamp(start(r, i), TimeUnit.NANOSECONDS)
                .startSpan();
      }
      for (int i = REQUEST.size() - 1; i >= 0; i--) {
        spans[i].end(end(r, i), TimeUnit.NANOSECONDS);
      }
    }
    provider.shutdown();
    return ended;
  }

  private static long start(int request, int index) {
    return T0 + request * 10_000_000L + index * 100_000L;
  }

  private static long end(int request, int index) {
    return start(request, index) + 5_000_000L - index * 1_000_000L;
  }

  /** The same attributes as OpenTelemetry's. */
  private static io.opentelemetry.api.common.Attributes otel(Attributes attributes) {
    io.opentelemetry.api.common.AttributesBuilder out = io.opentelemetry.api.common.Attributes.builder();
    attributes.forEach(
        (key, value) -> {
          switch (key.getType()) {
            case STRING:
              out.put(key.getKey(), (String) value);
              break;
            case LONG:
              out.put(key.getKey(), (long) (Long) value);
              break;
            case BOOLEAN:
              out.put(key.getKey(), (boolean) (Boolean) value);
              break;
            case STRING_ARRAY:
              out.put(key.getKey(), ((List<?>) value).toArray(new String[0]));
              break;
            default:
              throw new IllegalArgumentException("not in the scenario: " + key.getType());
          }
        });
    return out.build();
  }

  /** The ids of the scenario, the same sequence for both SDKs. */
  private static final class Ids implements IdGenerator {
    final Deque<String> traceIds = new ArrayDeque<>();
    final Deque<String> spanIds = new ArrayDeque<>();

    Ids() {
      Random random = new Random(42);
      for (int i = 0; i < 100_000; i++) {
        traceIds.add(String.format("%016x%016x", random.nextLong() | 1, random.nextLong()));
        spanIds.add(String.format("%016x", random.nextLong() | 1));
      }
    }

    @Override
    public String generateSpanId() {
      return spanIds.poll();
    }

    @Override
    public String generateTraceId() {
      return traceIds.poll();
    }
  }

  /** Keeps the ended spans of the OpenTelemetry SDK. */
  private static final class Collecting implements SpanExporter {
    private final List<io.opentelemetry.sdk.trace.data.SpanData> ended;

    Collecting(List<io.opentelemetry.sdk.trace.data.SpanData> ended) {
      this.ended = ended;
    }

    @Override
    public CompletableResultCode export(Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
      ended.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** Returns the request body TraceKit writes for {@code spans}. */
  static byte[] body(OtlpProtocol protocol, List<SpanData> spans) throws IOException {
    RequestBuffer out = new RequestBuffer(1 << 20);
    protocol.writeRequest(spans, out);
    return out.toByteArray();
  }

  /** Returns the request body OpenTelemetry Java's exporter writes for {@code spans}. */
  static byte[] openTelemetryBody(
      OtlpProtocol protocol, List<io.opentelemetry.sdk.trace.data.SpanData> spans)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TraceRequestMarshaler marshaler = TraceRequestMarshaler.create(spans);
    if (protocol == OtlpProtocol.HTTP_PROTOBUF) {
      marshaler.writeBinaryTo(out);
    } else {
      marshaler.writeJsonTo(out);
    }
    return out.toByteArray();
  }

  /** Returns {@code bytes} gzip-compressed as the sender does. */
  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(compressed, 8192)) {
      out.write(bytes);
    }
    return compressed.toByteArray();
  }
}

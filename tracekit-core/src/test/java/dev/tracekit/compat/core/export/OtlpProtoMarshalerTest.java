package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.SpanLimits;
import dev.tracekit.compat.core.trace.Tracer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protobuf marshaler against the official proto and against the JSON path: for every batch of
 * a corpus, the bytes parse with {@code ExportTraceServiceRequest.parseFrom} (no unknown fields),
 * are exactly what protobuf-java writes for the parsed message (canonical: field order, defaults
 * left out, lengths right), match the size computed first, and make the same message as the JSON
 * marshaler's output read with the test kit's decoder.
 */
class OtlpProtoMarshalerTest {
  private static final long T0 = 1_700_000_000_123_456_789L;

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void protobufIsCanonicalAndEqualsTheJsonPath(String name, List<SpanData> spans) throws IOException {
    byte[] protobuf = protobuf(spans);
    ExportTraceServiceRequest fromProtobuf = OtlpTestSupport.parseProtobuf(protobuf);
    ExportTraceServiceRequest fromJson = OtlpTestSupport.parse(json(spans));

    assertThat(fromProtobuf).isEqualTo(fromJson);
    assertThat(fromProtobuf.toByteArray()).isEqualTo(protobuf);
    assertThat(OtlpProtoMarshaler.prepare(spans).size()).isEqualTo(protobuf.length);
    assertThat(OtlpTestSupport.allSpans(fromProtobuf)).hasSize(spans.size());
  }

  @Test
  void spansChangedBetweenThePassesFailInsteadOfWritingWrongLengths() throws IOException {
    Renamed span = new Renamed(corpusTracer().spans(1).get(0));
    OtlpProtoMarshaler marshaler = OtlpProtoMarshaler.prepare(Collections.singletonList(span));
    span.name = "a much longer name than before";

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      marshaler.writeTo(out);
      throw new AssertionError("wrote " + out.size() + " bytes of changed spans");
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessageContaining("changed");
    }
  }

  @Test
  void aReusedBufferWritesEachRequestAsAFreshOneDoes() throws IOException {
    // The exporter keeps the table of lengths in its pooled buffer: whatever an earlier request
    // left there (larger, smaller, grown past the first guess) must not show in the next one.
    List<List<SpanData>> requests = new ArrayList<>();
    corpus().forEach(arguments -> {
      @SuppressWarnings("unchecked")
      List<SpanData> spans = (List<SpanData>) arguments.get()[1];
      requests.add(spans);
    });
    List<List<SpanData>> reversed = new ArrayList<>(requests);
    Collections.reverse(reversed);
    requests.addAll(reversed);
    RequestBuffer.Pool pool = new RequestBuffer.Pool(1 << 20);
    RequestBuffer buffer = pool.take();
    for (List<SpanData> spans : requests) {
      buffer.reset();
      OtlpProtoMarshaler.writeRequest(spans, buffer);
      assertThat(buffer.toByteArray()).isEqualTo(protobuf(spans));
      pool.give(buffer);
      assertThat(pool.take()).isSameAs(buffer);
    }
  }

  static Stream<Arguments> corpus() {
    CorpusTracer t = corpusTracer();
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("no spans", Collections.emptyList()));
    cases.add(Arguments.of("one bare span", t.spans(1)));
    cases.add(Arguments.of("many spans", t.spans(250)));
    cases.add(Arguments.of("every attribute type", Collections.singletonList(t.everyType())));
    cases.add(Arguments.of("strings", Collections.singletonList(t.strings())));
    cases.add(Arguments.of("events and dropped counts", t.eventsAndDrops()));
    cases.add(Arguments.of("status, kinds and parents", t.statusKindsAndParents()));
    cases.add(Arguments.of("many resources", t.manyResources(7)));
    cases.add(Arguments.of("largest values", Collections.singletonList(t.largest())));
    cases.add(Arguments.of("scenario b", OtlpWireSizes.scenarioB(1)));
    return cases.stream();
  }

  private static byte[] protobuf(List<SpanData> spans) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OtlpProtoMarshaler.prepare(spans).writeTo(out);
    return out.toByteArray();
  }

  private static String json(List<SpanData> spans) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OtlpJsonMarshaler.writeRequest(spans, out);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private static CorpusTracer corpusTracer() {
    return new CorpusTracer();
  }

  /** Makes the spans of the corpus with a real tracer. */
  private static final class CorpusTracer {
    private final CollectingSpanProcessor processor = new CollectingSpanProcessor();
    private final Resource resource =
        Resource.create(
            Attributes.builder().put("service.name", "checkout").put("process.pid", 4242L).build());
    private final Tracer tracer = tracer(resource, SpanLimits.getDefault());

    private Tracer tracer(Resource r, SpanLimits limits) {
      return Tracer.builder().setResource(r).setSpanLimits(limits).setSpanProcessor(processor).build();
    }

    private List<SpanData> taken(int before) {
      List<SpanData> all = processor.spans();
      return new ArrayList<>(all.subList(before, all.size()));
    }

    List<SpanData> spans(int count) {
      int before = processor.spans().size();
      for (int i = 0; i < count; i++) {
        tracer.spanBuilder("span-" + (i % 10)).setNoParent().startDetached().end();
      }
      return taken(before);
    }

    SpanData everyType() {
      int before = processor.spans().size();
      Span span = tracer.spanBuilder("types").setNoParent().startDetached();
      span.setAttribute("string", "value");
      span.setAttribute("empty", "");
      span.setAttribute("true", true);
      span.setAttribute("false", false);
      span.setAttribute("zero", 0L);
      span.setAttribute("one", 1L);
      span.setAttribute("negative", -42L);
      span.setAttribute("double", 0.25);
      span.setAttribute("double.zero", 0.0);
      span.setAttribute("nan", Double.NaN);
      span.setAttribute("inf", Double.POSITIVE_INFINITY);
      span.setAttribute("-inf", Double.NEGATIVE_INFINITY);
      span.setAttribute("strings", new String[] {"a", "", "ü"});
      span.setAttribute("strings.empty", new String[0]);
      span.setAttribute("longs", new long[] {0, 1, -2, Long.MIN_VALUE, Long.MAX_VALUE});
      span.setAttribute("doubles", new double[] {0.0, 1.5, -0.5, Double.MIN_VALUE});
      span.setAttribute("bools", new boolean[] {true, false});
      span.end();
      return taken(before).get(0);
    }

    SpanData strings() {
      int before = processor.spans().size();
      char[] longChars = new char[20_000];
      Arrays.fill(longChars, 'ß');
      String tricky = "quote\" backslash\\ newline\n nul\u0000 é 漢字 emoji\uD83D\uDE00 lone\uD800 \uDC00";
      Span span = tracer.spanBuilder(tricky).setNoParent().startDetached();
      span.setAttribute(tricky, tricky);
      span.setAttribute("long", new String(longChars));
      span.setAttribute("", "empty key");
      span.setAttribute("unicode.array", new String[] {tricky, "\uDBFF"});
      span.setStatus(StatusCode.ERROR, tricky);
      span.end();
      return taken(before).get(0);
    }

    List<SpanData> eventsAndDrops() {
      int before = processor.spans().size();
      Tracer limited = tracer(resource, SpanLimits.create(2, 100, 2));
      Span span = limited.spanBuilder("limited").setNoParent().startDetached();
      span.setAttribute("a", "1");
      span.setAttribute("b", "2");
      span.setAttribute("c", "3");
      span.addEvent("kept", Attributes.builder().put("x", 1L).put("y", true).put("z", 3.5).build());
      span.addEvent("", Attributes.empty(), T0, TimeUnit.NANOSECONDS);
      span.addEvent("dropped");
      span.recordException(new IllegalStateException("boom"));
      span.end();
      Span events = tracer.spanBuilder("events").setNoParent().startDetached();
      events.addEvent("one", Attributes.of(AttributeKey.stringArrayKey("list"), Arrays.asList("p", "q")));
      events.recordException(new IllegalArgumentException("bad \"input\""));
      events.end();
      return taken(before);
    }

    List<SpanData> statusKindsAndParents() {
      int before = processor.spans().size();
      SpanContext remote =
          SpanContext.createFromRemoteParent(
              "5759e988bd862e3fe1be46a994272793", "abcdef0123456789", true);
      Span root = tracer.spanBuilder("root").setParent(remote).setSpanKind(SpanKind.SERVER).startDetached();
      for (SpanKind kind : SpanKind.values()) {
        Span child = tracer.spanBuilder(kind.name()).setParent(root).setSpanKind(kind).startDetached();
        child.setStatus(kind.ordinal() % 2 == 0 ? StatusCode.OK : StatusCode.ERROR);
        child.end();
      }
      Span described = tracer.spanBuilder("described").setParent(root).startDetached();
      described.setStatus(StatusCode.ERROR, "it failed");
      described.end();
      root.end();
      return taken(before);
    }

    List<SpanData> manyResources(int count) {
      int before = processor.spans().size();
      for (int i = 0; i < count; i++) {
        Resource r =
            i == 0
                ? Resource.empty()
                : Resource.create(Attributes.builder().put("service.name", "service-" + i).build());
        Tracer other = tracer(r, SpanLimits.getDefault());
        other.spanBuilder("a" + i).setNoParent().startDetached().end();
        tracer.spanBuilder("interleaved" + i).setNoParent().startDetached().end();
        other.spanBuilder("b" + i).setNoParent().startDetached().end();
      }
      return taken(before);
    }

    SpanData largest() {
      int before = processor.spans().size();
      Span span =
          tracer
              .spanBuilder("largest")
              .setNoParent()
              .setTraceId("ffffffffffffffffffffffffffffffff")
              .setSpanId("ffffffffffffffff")
              .startDetached();
      span.setAttribute("max", Long.MAX_VALUE);
      span.setAttribute("min", Long.MIN_VALUE);
      span.setAttribute("double.max", Double.MAX_VALUE);
      span.end();
      return new Overridden(
          taken(before).get(0), "largest", Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }
  }

  /** A span whose name a test changes. */
  private static final class Renamed extends ForwardingSpanData {
    String name = "short";

    Renamed(SpanData delegate) {
      super(delegate);
    }

    @Override
    public String getName() {
      return name;
    }
  }

  /** A span with another name, end time and dropped counts (0: the span's own). */
  private static final class Overridden extends ForwardingSpanData {
    private final String name;
    private final long endNanos;
    private final int droppedAttributes;
    private final int droppedEvents;

    Overridden(SpanData delegate, String name, long endNanos, int droppedAttributes, int droppedEvents) {
      super(delegate);
      this.name = name;
      this.endNanos = endNanos != 0 ? endNanos : delegate.getEndEpochNanos();
      this.droppedAttributes = droppedAttributes;
      this.droppedEvents = droppedEvents;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public long getEndEpochNanos() {
      return endNanos;
    }

    @Override
    public int getDroppedAttributesCount() {
      return droppedAttributes;
    }

    @Override
    public int getDroppedEventsCount() {
      return droppedEvents;
    }
  }
}

package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleSpanExporterTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String OTHER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final long T0 = TimeUnit.SECONDS.toNanos(1_700_000_000L);
  private static final String NL = System.lineSeparator();
  private static final String FULL_BAR = "|################################|";
  private static final String ESC = "\u001b";

  private final CollectingSpanProcessor processor = new CollectingSpanProcessor();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private PrintStream out;
  private Tracer tracer;
  private ConsoleSpanExporter exporter;

  @BeforeEach
  void setUp() throws UnsupportedEncodingException {
    out = new PrintStream(bytes, false, "UTF-8");
    tracer =
        Tracer.builder()
            .setResource(
                Resource.create(Attributes.builder().put("service.name", "checkout").build()))
            .setSpanProcessor(processor)
            .build();
    exporter = ConsoleSpanExporter.create(out);
  }

  @Test
  void printsChildrenIndentedUnderTheirParentInStartOrder() throws Exception {
    Span root =
        tracer
            .spanBuilder("GET /checkout")
            .setNoParent()
            .setTraceId(TRACE_ID)
            .setSpanId("00000000000000a1")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
            .startDetached();
    // Started second but ended first: must still come after price-items.
    Span loadCart = child(root, "load-cart", "00000000000000b2", T0 + 1_000_000);
    loadCart.setAttribute("cart.items", 3);
    loadCart.end(T0 + 1_500_000, TimeUnit.NANOSECONDS);
    Span priceItems = child(root, "price-items", "00000000000000b1", T0 + 500_000);
    Span priceItem = child(priceItems, "price-item", "00000000000000c1", T0 + 600_000);
    priceItem.end(T0 + 700_000, TimeUnit.NANOSECONDS);
    priceItems.end(T0 + 3_500_000, TimeUnit.NANOSECONDS);
    root.setAttribute("http.response.status_code", 200);
    root.end(T0 + 41_872_000, TimeUnit.NANOSECONDS);

    ExportResult result = exporter.export(processor.spans());

    assertThat(result.isSuccess()).isTrue();
    assertThat(output())
        .isEqualTo(
            lines(
                "trace " + TRACE_ID + "  (service checkout)",
                "  GET /checkout  SERVER  +0.000 ms  " + FULL_BAR + "  41.872 ms"
                    + "  span 00000000000000a1",
                "      http.request.method=\"GET\"",
                "      http.response.status_code=200",
                "    price-items          +0.500 ms  |###                             |  3.0 ms"
                    + "  span 00000000000000b1",
                "      price-item         +0.600 ms  |#                               |  0.1 ms"
                    + "  span 00000000000000c1",
                "    load-cart            +1.000 ms  | #                              |  0.5 ms"
                    + "  span 00000000000000b2",
                "        cart.items=3"));
  }

  @Test
  void printsSpansWhoseParentIsMissingAtTheTopOfTheirTraceWithANote() throws Exception {
    Span localParent = root("parent", "00000000000000a1", T0);
    Span orphan = child(localParent, "orphan", "00000000000000b1", T0 + 1_000);
    orphan.end(T0 + 2_000, TimeUnit.NANOSECONDS);
    Span remoteChild =
        tracer
            .spanBuilder("from-upstream")
            .setParent(SpanContext.createFromRemoteParent(TRACE_ID, "00000000000000ff", true))
            .setSpanId("00000000000000b2")
            .setStartTimestamp(T0 + 3_000, TimeUnit.NANOSECONDS)
            .startDetached();
    remoteChild.end(T0 + 4_000, TimeUnit.NANOSECONDS);
    // localParent is not ended, so it is not in the batch.

    exporter.export(processor.spans());

    assertThat(output())
        .isEqualTo(
            lines(
                "trace " + TRACE_ID + "  (service checkout)",
                "  orphan         +0.000 ms  |###########                     |  0.001 ms"
                    + "  span 00000000000000b1  (parent 00000000000000a1 not in this batch)",
                "  from-upstream  +0.002 ms  |                     ###########|  0.001 ms"
                    + "  span 00000000000000b2  (remote parent 00000000000000ff)"));
  }

  @Test
  void groupsSpansByTraceEarliestTraceFirst() throws Exception {
    Span late = root("late-trace", "00000000000000a1", T0 + 5_000_000);
    Span early =
        tracer
            .spanBuilder("early-trace")
            .setNoParent()
            .setTraceId(OTHER_TRACE_ID)
            .setSpanId("00000000000000a2")
            .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
            .startDetached();
    Span earlyChild = child(early, "early-child", "00000000000000b2", T0 + 1_000_000);
    late.end(T0 + 6_000_000, TimeUnit.NANOSECONDS);
    earlyChild.end(T0 + 2_000_000, TimeUnit.NANOSECONDS);
    early.end(T0 + 7_000_000, TimeUnit.NANOSECONDS);

    exporter.export(processor.spans());

    assertThat(output())
        .isEqualTo(
            lines(
                "trace " + OTHER_TRACE_ID + "  (service checkout)",
                "  early-trace    +0.000 ms  " + FULL_BAR + "  7.0 ms  span 00000000000000a2",
                "    early-child  +1.000 ms  |     ####                       |  1.0 ms"
                    + "  span 00000000000000b2",
                "trace " + TRACE_ID + "  (service checkout)",
                "  late-trace  +0.000 ms  " + FULL_BAR + "  1.0 ms  span 00000000000000a1"));
  }

  @Test
  void formatsAttributeValuesByType() throws Exception {
    Span span = root("work", "00000000000000a1", T0);
    span.setAttribute("text", "say \"hi\"\nback\\slash");
    span.setAttribute("count", 42L);
    span.setAttribute("ratio", 0.25);
    span.setAttribute("cached", true);
    span.setAttribute("tags", new String[] {"a", "b"});
    span.setAttribute("ids", new long[] {1, 2, 3});
    span.setAttribute("flags", new boolean[] {true, false});
    span.end(T0 + 1_000_000, TimeUnit.NANOSECONDS);

    exporter.export(processor.spans());

    assertThat(output())
        .contains(
            lines(
                "  work  +0.000 ms  " + FULL_BAR + "  1.0 ms  span 00000000000000a1",
                "      text=\"say \\\"hi\\\"\\nback\\\\slash\"",
                "      count=42",
                "      ratio=0.25",
                "      cached=true",
                "      tags=[\"a\", \"b\"]",
                "      ids=[1, 2, 3]",
                "      flags=[true, false]"));
  }

  @Test
  void printsEventsWithTheirOffsetAndAttributes() throws Exception {
    Span span = root("fetch", "00000000000000a1", T0);
    span.addEvent(
        "cache.miss",
        Attributes.builder().put("cache.key", "cart:42").put("attempt", 2L).build(),
        T0 + 1_250_000,
        TimeUnit.NANOSECONDS);
    span.addEvent("done", Attributes.empty(), T0 + 2_000_000, TimeUnit.NANOSECONDS);
    span.end(T0 + 3_000_000, TimeUnit.NANOSECONDS);

    exporter.export(processor.spans());

    assertThat(output())
        .contains(
            lines(
                "  fetch  +0.000 ms  " + FULL_BAR + "  3.0 ms  span 00000000000000a1",
                "      event cache.miss +1.25 ms  cache.key=\"cart:42\"  attempt=2",
                "      event done +2.0 ms"));
  }

  @Test
  void printsErrorStatusAndOnlyTheTypeMessageAndFirstFrameOfAnException() throws Exception {
    Span parent = root("checkout", "00000000000000a1", T0);
    Span coupon = child(parent, "apply-coupon", "00000000000000b1", T0 + 1_000);
    IllegalArgumentException failure = new IllegalArgumentException("coupon SPRING24 expired");
    coupon.recordException(failure, Attributes.builder().put("coupon.code", "SPRING24").build());
    coupon.end(T0 + 201_000, TimeUnit.NANOSECONDS);
    parent.setStatus(StatusCode.OK);
    parent.end(T0 + 500_000, TimeUnit.NANOSECONDS);

    exporter.export(processor.spans());

    StackTraceElement frame = failure.getStackTrace()[0];
    List<String> lines = Arrays.asList(output().split("\\R"));
    assertThat(lines.get(1))
        .isEqualTo("  checkout        +0.000 ms  " + FULL_BAR + "  0.5 ms  span 00000000000000a1");
    assertThat(lines.get(2))
        .isEqualTo(
            "    apply-coupon  +0.001 ms  |#############                   |  0.2 ms"
                + "  ERROR \"coupon SPRING24 expired\"  span 00000000000000b1");
    assertThat(lines.get(3))
        .startsWith("        event exception +")
        .endsWith(
            " ms  java.lang.IllegalArgumentException: coupon SPRING24 expired"
                + "  coupon.code=\"SPRING24\"");
    assertThat(lines.get(4)).isEqualTo("          at " + frame);
    assertThat(lines).hasSize(5);
    assertThat(output()).doesNotContain("exception.").doesNotContain("junit");
  }

  @Test
  void printsKindsOtherThanInternalAndErrorWithoutDescription() throws Exception {
    Span span =
        tracer
            .spanBuilder("GET")
            .setNoParent()
            .setTraceId(TRACE_ID)
            .setSpanId("00000000000000a1")
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
            .startDetached();
    span.setStatus(StatusCode.ERROR);
    span.end(T0 + 12_345_678, TimeUnit.NANOSECONDS);

    exporter.export(processor.spans());

    assertThat(output())
        .contains(
            "  GET  CLIENT  +0.000 ms  " + FULL_BAR + "  12.346 ms  ERROR  span 00000000000000a1"
                + NL);
  }

  @Test
  void printsSpansWhoseParentLinksFormACycleOnce() throws Exception {
    Span a = spanWithParent("a", "00000000000000a1", "00000000000000a2");
    Span b = spanWithParent("b", "00000000000000a2", "00000000000000a1");
    a.end(T0 + 1_000_000, TimeUnit.NANOSECONDS);
    b.end(T0 + 1_000_000, TimeUnit.NANOSECONDS);

    ExportResult result = exporter.export(processor.spans());

    assertThat(result.isSuccess()).isTrue();
    assertThat(output())
        .isEqualTo(
            lines(
                "trace " + TRACE_ID + "  (service checkout)",
                "  a    +0.000 ms  " + FULL_BAR + "  1.0 ms"
                    + "  span 00000000000000a1  (parent 00000000000000a2 is in a cycle)",
                "    b  +0.000 ms  " + FULL_BAR + "  1.0 ms  span 00000000000000a2"));
  }

  @Test
  void formatsDurationsWithOneToThreeDecimals() {
    assertThat(millis(12_345_678)).isEqualTo("12.346 ms");
    assertThat(millis(1_230_000)).isEqualTo("1.23 ms");
    assertThat(millis(2_500_000)).isEqualTo("2.5 ms");
    assertThat(millis(2_000_000)).isEqualTo("2.0 ms");
    assertThat(millis(1_000)).isEqualTo("0.001 ms");
    assertThat(millis(499)).isEqualTo("0.0 ms");
    assertThat(millis(-1_500_000)).isEqualTo("-1.5 ms");
  }

  @Test
  void coloursOnlyWithAConsoleAndWithoutNoColor() {
    assertThat(ConsoleSpanExporter.useColour(true, null)).isTrue();
    assertThat(ConsoleSpanExporter.useColour(true, "")).isTrue();
    assertThat(ConsoleSpanExporter.useColour(true, "1")).isFalse();
    // Any non-empty value disables colour, as no-color.org says.
    assertThat(ConsoleSpanExporter.useColour(true, "false")).isFalse();
    assertThat(ConsoleSpanExporter.useColour(false, null)).isFalse();
    assertThat(ConsoleSpanExporter.useColour(false, "1")).isFalse();
  }

  @Test
  void printsEscapeSequencesOnlyWhenAskedForColour() throws Exception {
    Span span = root("failing", "00000000000000a1", T0);
    span.setStatus(StatusCode.ERROR, "broken");
    span.end(T0 + 1_000_000, TimeUnit.NANOSECONDS);
    List<SpanData> spans = processor.spans();
    ByteArrayOutputStream coloured = new ByteArrayOutputStream();
    ByteArrayOutputStream noColor = new ByteArrayOutputStream();

    exporter.export(spans);
    ConsoleSpanExporter.create(new PrintStream(coloured, false, "UTF-8"), true).export(spans);
    ConsoleSpanExporter.create(
            new PrintStream(noColor, false, "UTF-8"), ConsoleSpanExporter.useColour(true, "1"))
        .export(spans);

    assertThat(output()).contains("ERROR \"broken\"").doesNotContain(ESC);
    assertThat(noColor.toString("UTF-8")).isEqualTo(output());
    assertThat(coloured.toString("UTF-8"))
        .contains(ESC + "[31mERROR \"broken\"" + ESC + "[0m")
        .isNotEqualTo(output());
  }

  @Test
  void writesEachBatchWithOnePrintAndFlushes() {
    CountingPrintStream counting = new CountingPrintStream();
    Span first = root("first", "00000000000000a1", T0);
    first.end(T0 + 1, TimeUnit.NANOSECONDS);
    Span second = root("second", "00000000000000a2", T0 + 2);
    second.end(T0 + 3, TimeUnit.NANOSECONDS);

    ExportResult result = ConsoleSpanExporter.create(counting).export(processor.spans());

    assertThat(result.isSuccess()).isTrue();
    assertThat(counting.prints).isEqualTo(1);
    assertThat(counting.flushes).isGreaterThanOrEqualTo(1);
  }

  @Test
  void failsTheBatchInsteadOfThrowingWhenASpanCannotBeRead() {
    SpanData broken =
        (SpanData)
            Proxy.newProxyInstance(
                SpanData.class.getClassLoader(),
                new Class<?>[] {SpanData.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException("broken span");
                });

    Logger logger = Logger.getLogger(ConsoleSpanExporter.class.getName());
    Level level = logger.getLevel();
    logger.setLevel(Level.OFF); // The warning is expected; keep the build output clean.
    ExportResult result;
    try {
      result = exporter.export(Collections.singletonList(broken));
    } finally {
      logger.setLevel(level);
    }

    assertThat(result.getFailedSpans()).isEqualTo(1);
    assertThat(bytes.size()).isZero();
  }

  @Test
  void failsExportsAfterShutdownWithoutClosingTheStream() {
    Span span = root("late", "00000000000000a1", T0);
    span.end(T0 + 1, TimeUnit.NANOSECONDS);

    exporter.shutdown();
    ExportResult result = exporter.export(processor.spans());

    assertThat(result.getFailedSpans()).isEqualTo(1);
    assertThat(bytes.size()).isZero();
    out.print("still open");
    assertThat(out.checkError()).isFalse();
  }

  @Test
  void printsNothingForAnEmptyBatch() {
    assertThat(exporter.export(Collections.emptyList()).isSuccess()).isTrue();
    assertThat(bytes.size()).isZero();
  }

  // --- helpers ---

  private Span root(String name, String spanId, long start) {
    return tracer
        .spanBuilder(name)
        .setNoParent()
        .setTraceId(TRACE_ID)
        .setSpanId(spanId)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .startDetached();
  }

  private Span child(Span parent, String name, String spanId, long start) {
    return tracer
        .spanBuilder(name)
        .setParent(parent)
        .setSpanId(spanId)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS)
        .startDetached();
  }

  private Span spanWithParent(String name, String spanId, String parentSpanId) {
    return tracer
        .spanBuilder(name)
        .setParent(SpanContext.create(TRACE_ID, parentSpanId, true))
        .setSpanId(spanId)
        .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
        .startDetached();
  }

  private String output() throws UnsupportedEncodingException {
    return bytes.toString("UTF-8");
  }

  private static String lines(String... lines) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append(NL);
    }
    return sb.toString();
  }

  private static String millis(long nanos) {
    StringBuilder sb = new StringBuilder();
    SpanTreeFormatter.appendMillis(sb, nanos);
    return sb.toString();
  }
  /** Counts the calls the exporter makes; writes nowhere. */
  private static final class CountingPrintStream extends PrintStream {
    int prints;
    int flushes;

    CountingPrintStream() {
      super(new ByteArrayOutputStream());
    }

    @Override
    public void print(String s) {
      prints++;
    }

    @Override
    public void println(String s) {
      prints++;
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      prints++;
    }

    @Override
    public void write(int b) {
      prints++;
    }

    @Override
    public void flush() {
      flushes++;
    }
  }
}

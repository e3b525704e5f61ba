package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The waterfall column: offsets, bars on a common scale per trace, alignment, colour. */
class SpanTreeFormatterTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String OTHER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final long T0 = TimeUnit.SECONDS.toNanos(1_700_000_000L);
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final String ESC = "\u001b";
  /** A span line: the offset, then the bar between its edges, then the span id. */
  private static final Pattern SPAN_LINE =
      Pattern.compile("  (\\+[0-9]+\\.[0-9]{3} ms)  \\|([ #]*)\\|  .*  span ([0-9a-f]{16})");

  private final CollectingSpanProcessor processor = new CollectingSpanProcessor();
  private final Tracer tracer =
      Tracer.builder()
          .setResource(Resource.create(Attributes.builder().put("service.name", "shop").build()))
          .setSpanProcessor(processor)
          .build();

  @Test
  void sequentialChildrenHaveBarsThatDoNotOverlap() {
    Span root = root("handle", "00000000000000a1", T0);
    span(root, "validate", "00000000000000b1", T0, T0 + 10 * MS);
    span(root, "load", "00000000000000b2", T0 + 10 * MS, T0 + 20 * MS);
    span(root, "save", "00000000000000b3", T0 + 25 * MS, T0 + 40 * MS);
    root.end(T0 + 40 * MS, TimeUnit.NANOSECONDS);

    List<SpanLine> lines = spanLines(plain());

    // 32 columns for 40 ms: 1.25 ms per column.
    assertThat(lines.get(0).bar()).containsExactly(0, 32);
    assertThat(lines.get(1).bar()).containsExactly(0, 8);
    assertThat(lines.get(2).bar()).containsExactly(8, 16);
    assertThat(lines.get(3).bar()).containsExactly(20, 32);
    assertThat(lines.get(1).overlaps(lines.get(2))).isFalse();
    assertThat(lines.get(2).overlaps(lines.get(3))).isFalse();
  }

  @Test
  void parallelChildrenHaveOverlappingBars() {
    Span root = root("fan-out", "00000000000000a1", T0);
    span(root, "call-a", "00000000000000b1", T0 + 2 * MS, T0 + 30 * MS);
    span(root, "call-b", "00000000000000b2", T0 + 3 * MS, T0 + 12 * MS);
    span(root, "call-c", "00000000000000b3", T0 + 5 * MS, T0 + 38 * MS);
    root.end(T0 + 40 * MS, TimeUnit.NANOSECONDS);

    List<SpanLine> lines = spanLines(plain());

    assertThat(lines.get(1).bar()).containsExactly(2, 24);
    assertThat(lines.get(2).bar()).containsExactly(2, 10);
    assertThat(lines.get(3).bar()).containsExactly(4, 30);
    assertThat(lines.get(1).overlaps(lines.get(2))).isTrue();
    assertThat(lines.get(1).overlaps(lines.get(3))).isTrue();
    assertThat(lines.get(2).overlaps(lines.get(3))).isTrue();
  }

  @Test
  void printsEachSpansStartOffsetFromTheEarliestStartOfItsTrace() {
    Span root = root("request", "00000000000000a1", T0);
    span(root, "first", "00000000000000b1", T0 + 1_250_000, T0 + 2 * MS);
    span(root, "rounded-down", "00000000000000b2", T0 + 12_345_499, T0 + 13 * MS);
    span(root, "rounded-up", "00000000000000b3", T0 + 12_345_500, T0 + 13 * MS);
    root.end(T0 + 100 * MS, TimeUnit.NANOSECONDS);
    // Another trace whose root is not in the batch: its earliest span is its zero.
    Span remoteChild =
        tracer
            .spanBuilder("from-upstream")
            .setParent(SpanContext.createFromRemoteParent(OTHER_TRACE_ID, "00000000000000ff", true))
            .setSpanId("00000000000000c1")
            .setStartTimestamp(T0 + 7 * MS, TimeUnit.NANOSECONDS)
            .startDetached();
    span(remoteChild, "downstream", "00000000000000c2", T0 + 9_500_000, T0 + 10 * MS);
    remoteChild.end(T0 + 11 * MS, TimeUnit.NANOSECONDS);

    String text = plain();

    List<SpanLine> lines = spanLines(text);
    assertThat(lines)
        .extracting(SpanLine::offset)
        .containsExactly(
            "+0.000 ms", "+1.250 ms", "+12.345 ms", "+12.346 ms", "+0.000 ms", "+2.500 ms");
    // 32 columns for 4 ms: 8 per ms.
    assertThat(lines.get(5).bar()).containsExactly(20, 24);
    // Right-aligned after the widest label, "    rounded-down".
    assertThat(text)
        .contains("\n  request" + repeat(' ', 10) + "+0.000 ms  |")
        .contains("\n    rounded-up    +12.346 ms  |");
  }

  @Test
  void aSpanShorterThanOneColumnStillShowsOneMark() {
    Span root = root("batch", "00000000000000a1", T0);
    span(root, "instant-at-start", "00000000000000b1", T0, T0);
    span(root, "tiny-in-the-middle", "00000000000000b2", T0 + 500 * MS, T0 + 500 * MS + 1_000);
    span(root, "instant-at-the-end", "00000000000000b3", T0 + 1000 * MS, T0 + 1000 * MS);
    root.end(T0 + 1000 * MS, TimeUnit.NANOSECONDS);

    List<SpanLine> lines = spanLines(plain());

    assertThat(lines.get(1).bar()).containsExactly(0, 1);
    assertThat(lines.get(2).bar()).containsExactly(16, 17);
    assertThat(lines.get(3).bar()).containsExactly(31, 32);
  }

  @Test
  void aTraceThatTakesNoTimeShowsOneMarkPerSpanAtTheStart() {
    Span root = root("noop", "00000000000000a1", T0);
    span(root, "also-noop", "00000000000000b1", T0, T0);
    root.end(T0, TimeUnit.NANOSECONDS);

    String text = plain();

    assertThat(text)
        .isEqualTo(
            lines(
                "trace " + TRACE_ID + "  (service shop)",
                "  noop         +0.000 ms  |#                               |  0.0 ms"
                    + "  span 00000000000000a1",
                "    also-noop  +0.000 ms  |#                               |  0.0 ms"
                    + "  span 00000000000000b1"));
  }

  @Test
  void linesTheBarsOfATraceUpWhateverTheDepthNameKindAndStatus() {
    Span root =
        tracer
            .spanBuilder("GET /orders/{id}")
            .setNoParent()
            .setTraceId(TRACE_ID)
            .setSpanId("00000000000000a1")
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
            .startDetached();
    Span lookup = span(root, "lookup", "00000000000000b1", T0 + MS, 0);
    Span query =
        tracer
            .spanBuilder("SELECT orders")
            .setParent(lookup)
            .setSpanId("00000000000000c1")
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(T0 + 2 * MS, TimeUnit.NANOSECONDS)
            .startDetached();
    query.setStatus(StatusCode.ERROR, "timeout");
    query.end(T0 + 150 * MS, TimeUnit.NANOSECONDS);
    lookup.end(T0 + 151 * MS, TimeUnit.NANOSECONDS);
    root.end(T0 + 152 * MS, TimeUnit.NANOSECONDS);

    String text = plain();

    List<Integer> barEdges = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (line.contains("  span ")) {
        barEdges.add(line.indexOf('|'));
      }
    }
    assertThat(barEdges).hasSize(3).containsOnly(barEdges.get(0));
    assertThat(text)
        .contains("\n  GET /orders/{id}  SERVER   +0.000 ms  |")
        .contains("\n    lookup" + repeat(' ', 19) + "+1.000 ms  |")
        .contains("\n      SELECT orders  CLIENT  +2.000 ms  |")
        .contains("  148.0 ms  ERROR \"timeout\"  span 00000000000000c1");
  }

  @Test
  void plainTextHasNoEscapeCharacterEvenWhenANameHasOne() {
    Span root = root("red" + ESC + "[31m-name", "00000000000000a1", T0);
    root.setStatus(StatusCode.ERROR, "failed");
    root.end(T0 + MS, TimeUnit.NANOSECONDS);

    assertThat(plain()).doesNotContain(ESC).contains("red\\u001b[31m-name");
  }

  @Test
  void colourMarksHeadersBarsAndErrorsWithoutMovingAnything() {
    Span root = root("checkout", "00000000000000a1", T0);
    Span coupon = span(root, "apply-coupon", "00000000000000b1", T0 + MS, 0);
    coupon.setStatus(StatusCode.ERROR, "expired");
    coupon.end(T0 + 2 * MS, TimeUnit.NANOSECONDS);
    root.end(T0 + 4 * MS, TimeUnit.NANOSECONDS);

    String coloured = SpanTreeFormatter.format(processor.spans(), true);

    String[] lines = coloured.split("\\R");
    assertThat(lines[0]).isEqualTo(ESC + "[1mtrace " + TRACE_ID + "  (service shop)" + ESC + "[0m");
    assertThat(lines[1]).contains("|" + ESC + "[36m" + repeat('#', 32) + ESC + "[0m|");
    assertThat(lines[2])
        .contains("|        " + ESC + "[31m########" + ESC + "[0m" + repeat(' ', 16) + "|")
        .contains("  " + ESC + "[31mERROR \"expired\"" + ESC + "[0m  span 00000000000000b1");
    assertThat(coloured.replaceAll(ESC + "\\[[0-9]+m", "")).isEqualTo(plain());
  }

  @Test
  void formatsOffsetsWithThreeDecimals() {
    assertThat(SpanTreeFormatter.offsetText(0)).isEqualTo("+0.000 ms");
    assertThat(SpanTreeFormatter.offsetText(499)).isEqualTo("+0.000 ms");
    assertThat(SpanTreeFormatter.offsetText(500)).isEqualTo("+0.001 ms");
    assertThat(SpanTreeFormatter.offsetText(20_000)).isEqualTo("+0.020 ms");
    assertThat(SpanTreeFormatter.offsetText(1_500_000)).isEqualTo("+1.500 ms");
    assertThat(SpanTreeFormatter.offsetText(12_345_678_900L)).isEqualTo("+12345.679 ms");
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

  /** Starts a child of {@code parent}; ends it at {@code end} unless that is 0. */
  private Span span(Span parent, String name, String spanId, long start, long end) {
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(parent)
            .setSpanId(spanId)
            .setStartTimestamp(start, TimeUnit.NANOSECONDS)
            .startDetached();
    if (end != 0) {
      span.end(end, TimeUnit.NANOSECONDS);
    }
    return span;
  }

  private String plain() {
    return SpanTreeFormatter.format(processor.spans(), false);
  }

  /** Returns the span lines of {@code text} in order. */
  private static List<SpanLine> spanLines(String text) {
    List<SpanLine> lines = new ArrayList<>();
    for (String line : text.split("\\R")) {
      Matcher m = SPAN_LINE.matcher(line);
      if (m.find()) {
        lines.add(new SpanLine(m.group(1), m.group(2)));
      }
    }
    return lines;
  }

  private static String lines(String... lines) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String repeat(char c, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(c);
    }
    return sb.toString();
  }

  /** The offset of a span line and its bar between the edges. */
  private static final class SpanLine {
    final String offset;
    final String bar;

    SpanLine(String offset, String bar) {
      this.offset = offset;
      this.bar = bar;
    }

    String offset() {
      return offset;
    }

    /** Returns the bar's first column and the column after its last: one run of marks. */
    int[] bar() {
      assertThat(bar).hasSize(SpanTreeFormatter.BAR_WIDTH).matches(" *#+ *");
      return new int[] {bar.indexOf('#'), bar.lastIndexOf('#') + 1};
    }

    boolean overlaps(SpanLine other) {
      int[] a = bar();
      int[] b = other.bar();
      return a[0] < b[1] && b[0] < a[1];
    }
  }
}

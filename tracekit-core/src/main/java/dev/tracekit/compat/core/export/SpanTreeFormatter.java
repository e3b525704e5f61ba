package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Renders a batch of spans as the text {@link ConsoleSpanExporter} prints: one block per trace,
 * each span under its parent, with a waterfall column showing when each span ran. Pure and
 * stateless; lines end with the platform line separator.
 *
 * <p>Within a trace's block every span line has three columns: the tree label (indent, name,
 * kind), padded to the widest label of the block; the start offset from the block's earliest
 * start, right-aligned; and a bar of {@value #BAR_WIDTH} columns on which the block's earliest
 * start is the left edge and its latest end the right edge. A bar covers the columns its span's
 * start and end round to, and at least one. The rest of the line is the duration, the status and
 * the span id, as before the waterfall.
 */
final class SpanTreeFormatter {
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final AttributeKey<String> EXCEPTION_TYPE =
      AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");
  private static final String NEWLINE = System.lineSeparator();
  /** Columns between a bar's edges: the whole extent of a trace's block. */
  static final int BAR_WIDTH = 32;

  private static final String ANSI_BOLD = "\u001b[1m";
  private static final String ANSI_RED = "\u001b[31m";
  private static final String ANSI_CYAN = "\u001b[36m";
  private static final String ANSI_RESET = "\u001b[0m";
  private static final Comparator<SpanData> BY_START =
      (a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos());

  private SpanTreeFormatter() {}

  /**
   * Returns the text for one batch: each trace's block, earliest trace first. With {@code
   * ansiColour}, headers are bold, bars cyan, and the bar and status of an error span red; without
   * it the text holds no escape character.
   */
  static String format(List<SpanData> spans, boolean ansiColour) {
    Map<String, List<SpanData>> byTrace = new LinkedHashMap<>();
    for (SpanData span : spans) {
      byTrace.computeIfAbsent(span.getSpanContext().getTraceId(), k -> new ArrayList<>()).add(span);
    }
    List<List<SpanData>> traces = new ArrayList<>(byTrace.values());
    for (List<SpanData> trace : traces) {
      trace.sort(BY_START); // Stable: equal start times keep batch order.
    }
    traces.sort((a, b) -> BY_START.compare(a.get(0), b.get(0)));
    StringBuilder sb = new StringBuilder(spans.size() * 160);
    for (List<SpanData> trace : traces) {
      appendTrace(sb, trace, ansiColour);
    }
    return sb.toString();
  }

  /** Appends the header and the span tree of one trace, whose spans are sorted by start. */
  private static void appendTrace(StringBuilder sb, List<SpanData> trace, boolean ansiColour) {
    Set<Long> ids = new HashSet<>();
    for (SpanData span : trace) {
      ids.add(span.getSpanContext().getSpanIdAsLong());
    }
    List<SpanData> roots = new ArrayList<>();
    Map<Long, List<SpanData>> children = new HashMap<>();
    for (SpanData span : trace) {
      if (hasParentInBatch(span, ids)) {
        long parentId = span.getParentSpanContext().getSpanIdAsLong();
        children.computeIfAbsent(parentId, k -> new ArrayList<>()).add(span);
      } else {
        roots.add(span);
      }
    }

    SpanData first = roots.isEmpty() ? trace.get(0) : roots.get(0);
    if (ansiColour) {
      sb.append(ANSI_BOLD);
    }
    sb.append("trace ").append(first.getSpanContext().getTraceId());
    String service = first.getResource().getAttribute(SERVICE_NAME);
    if (service != null) {
      sb.append("  (service ");
      appendEscaped(sb, service);
      sb.append(')');
    }
    if (ansiColour) {
      sb.append(ANSI_RESET);
    }
    sb.append(NEWLINE);

    List<Row> rows = new ArrayList<>(trace.size());
    Set<SpanData> placed = Collections.newSetFromMap(new IdentityHashMap<>());
    addRows(rows, roots, children, placed);
    if (placed.size() < trace.size()) {
      // Only parent links that form a cycle (ids reused within the batch) leave spans unreached.
      List<SpanData> unreached = new ArrayList<>();
      for (SpanData span : trace) {
        if (!placed.contains(span)) {
          unreached.add(span);
        }
      }
      addRows(rows, unreached, children, placed);
    }

    TimeScale scale = TimeScale.of(trace);
    int labelWidth = 0;
    int offsetWidth = 0;
    for (Row row : rows) {
      labelWidth = Math.max(labelWidth, row.labelWidth);
      offsetWidth = Math.max(offsetWidth, offsetText(scale.offset(row.span)).length());
    }
    for (Row row : rows) {
      appendSpan(sb, row, scale, labelWidth, offsetWidth, ansiColour);
    }
  }

  private static boolean hasParentInBatch(SpanData span, Set<Long> ids) {
    SpanContext parent = span.getParentSpanContext();
    SpanContext self = span.getSpanContext();
    return parent.isValid()
        && parent.getTraceIdHigh() == self.getTraceIdHigh()
        && parent.getTraceIdLow() == self.getTraceIdLow()
        && parent.getSpanIdAsLong() != self.getSpanIdAsLong()
        && ids.contains(parent.getSpanIdAsLong());
  }

  /** Adds rows for {@code tops} at depth 0 and for their descendants, depth first, iteratively. */
  private static void addRows(
      List<Row> rows,
      List<SpanData> tops,
      Map<Long, List<SpanData>> children,
      Set<SpanData> placed) {
    Deque<Row> stack = new ArrayDeque<>();
    for (int i = tops.size() - 1; i >= 0; i--) {
      stack.push(new Row(tops.get(i), 0));
    }
    while (!stack.isEmpty()) {
      Row row = stack.pop();
      if (!placed.add(row.span)) {
        continue;
      }
      row.note = row.depth == 0 ? parentNote(row.span, children) : "";
      rows.add(row);
      List<SpanData> kids = children.get(row.span.getSpanContext().getSpanIdAsLong());
      if (kids != null) {
        for (int i = kids.size() - 1; i >= 0; i--) {
          stack.push(new Row(kids.get(i), row.depth + 1));
        }
      }
    }
  }

  /** Says why a top-level span with a parent is not nested; empty for a root. */
  private static String parentNote(SpanData span, Map<Long, List<SpanData>> children) {
    SpanContext parent = span.getParentSpanContext();
    if (!parent.isValid()) {
      return "";
    }
    if (children.containsKey(parent.getSpanIdAsLong())) {
      return "  (parent " + parent.getSpanId() + " is in a cycle)";
    }
    return parent.isRemote()
        ? "  (remote parent " + parent.getSpanId() + ")"
        : "  (parent " + parent.getSpanId() + " not in this batch)";
  }

  /**
   * Appends a span line, {@code label  +offset  |bar|  duration  [ERROR]  span id[  note]}, and
   * the span's attribute and event lines.
   */
  private static void appendSpan(
      StringBuilder sb,
      Row row,
      TimeScale scale,
      int labelWidth,
      int offsetWidth,
      boolean ansiColour) {
    SpanData span = row.span;
    boolean error = span.getStatusCode() == StatusCode.ERROR;
    sb.append(row.label);
    indent(sb, labelWidth - row.labelWidth + 2);
    String offset = offsetText(scale.offset(span));
    indent(sb, offsetWidth - offset.length());
    sb.append(offset).append("  |");
    int from = scale.barStart(span);
    int to = scale.barEnd(span);
    indent(sb, from);
    if (ansiColour) {
      sb.append(error ? ANSI_RED : ANSI_CYAN);
    }
    for (int i = from; i < to; i++) {
      sb.append('#');
    }
    if (ansiColour) {
      sb.append(ANSI_RESET);
    }
    indent(sb, BAR_WIDTH - to);
    sb.append("|  ");
    appendMillis(sb, span.getEndEpochNanos() - span.getStartEpochNanos());
    if (error) {
      sb.append("  ");
      if (ansiColour) {
        sb.append(ANSI_RED);
      }
      sb.append("ERROR");
      if (!span.getStatusDescription().isEmpty()) {
        sb.append(' ');
        appendQuoted(sb, span.getStatusDescription());
      }
      if (ansiColour) {
        sb.append(ANSI_RESET);
      }
    }
    sb.append("  span ").append(span.getSpanContext().getSpanId()).append(row.note);
    sb.append(NEWLINE);

    int detail = 2 + 2 * row.depth + 4;
    span.getAttributes()
        .forEach(
            (key, value) -> {
              indent(sb, detail);
              appendAttribute(sb, key, value);
              sb.append(NEWLINE);
            });
    if (span.getDroppedAttributesCount() > 0) {
      indent(sb, detail);
      sb.append('(').append(span.getDroppedAttributesCount()).append(" attributes dropped)");
      sb.append(NEWLINE);
    }
    for (EventData event : span.getEvents()) {
      appendEvent(sb, event, span.getStartEpochNanos(), detail);
    }
    if (span.getDroppedEventsCount() > 0) {
      indent(sb, detail);
      sb.append('(').append(span.getDroppedEventsCount()).append(" events dropped)");
      sb.append(NEWLINE);
    }
  }

  private static void appendEvent(StringBuilder sb, EventData event, long spanStart, int indent) {
    indent(sb, indent);
    sb.append("event ");
    appendEscaped(sb, event.getName());
    sb.append(" +");
    appendMillis(sb, event.getEpochNanos() - spanStart);
    Attributes attributes = event.getAttributes();
    String type = attributes.get(EXCEPTION_TYPE);
    String stackFrame = null;
    if (type != null) {
      sb.append("  ");
      appendEscaped(sb, type);
      String message = attributes.get(EXCEPTION_MESSAGE);
      if (message != null) {
        sb.append(": ");
        appendEscaped(sb, message);
      }
      stackFrame = firstFrame(attributes.get(EXCEPTION_STACKTRACE));
    }
    attributes.forEach(
        (key, value) -> {
          if (type != null && key.getKey().startsWith("exception.")) {
            return; // Shown above, or too long for a console line.
          }
          sb.append("  ");
          appendAttribute(sb, key, value);
        });
    sb.append(NEWLINE);
    if (stackFrame != null) {
      indent(sb, indent + 2);
      appendEscaped(sb, stackFrame);
      sb.append(NEWLINE);
    }
  }

  /** Returns the first {@code at ...} line of a Java stack trace, trimmed; or null. */
  @Nullable
  private static String firstFrame(@Nullable String stackTrace) {
    if (stackTrace == null) {
      return null;
    }
    int start = 0;
    while (start < stackTrace.length()) {
      int end = stackTrace.indexOf('\n', start);
      if (end < 0) {
        end = stackTrace.length();
      }
      String line = stackTrace.substring(start, end).trim();
      if (line.startsWith("at ")) {
        return line;
      }
      start = end + 1;
    }
    return null;
  }

  private static void appendAttribute(StringBuilder sb, AttributeKey<?> key, Object value) {
    appendEscaped(sb, key.getKey());
    sb.append('=');
    appendValue(sb, value);
  }

  /** Appends strings quoted, lists as {@code [a, b]}, anything else as {@code String.valueOf}. */
  private static void appendValue(StringBuilder sb, @Nullable Object value) {
    if (value instanceof String) {
      appendQuoted(sb, (String) value);
    } else if (value instanceof List) {
      sb.append('[');
      List<?> list = (List<?>) value;
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        appendValue(sb, list.get(i));
      }
      sb.append(']');
    } else {
      sb.append(value);
    }
  }

  /**
   * Returns a start offset, which is never negative, as {@code +1.234 ms}: always three decimals,
   * rounded to the microsecond, so that a right-aligned column of them lines up on the point.
   */
  static String offsetText(long nanos) {
    long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
    String fraction = Long.toString(1000 + micros % 1000).substring(1); // Zero-padded.
    return "+" + micros / 1000 + "." + fraction + " ms";
  }

  /**
   * Appends a duration as milliseconds with one to three decimals, rounded to the microsecond:
   * {@code 12.346 ms}, {@code 2.5 ms}, {@code 2.0 ms}.
   */
  static void appendMillis(StringBuilder sb, long nanos) {
    if (nanos < 0) {
      sb.append('-');
      nanos = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : -nanos;
    }
    long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
    sb.append(micros / 1000).append('.');
    int fraction = (int) (micros % 1000);
    if (fraction == 0) {
      sb.append('0');
    } else {
      int digits = 3;
      while (fraction % 10 == 0) {
        fraction /= 10;
        digits--;
      }
      String text = Integer.toString(fraction);
      for (int i = text.length(); i < digits; i++) {
        sb.append('0');
      }
      sb.append(text);
    }
    sb.append(" ms");
  }

  private static void appendQuoted(StringBuilder sb, String s) {
    sb.append('"');
    appendEscaped(sb, s, true);
    sb.append('"');
  }

  /** Appends {@code s} with control characters escaped, so that it stays on one line. */
  private static void appendEscaped(StringBuilder sb, String s) {
    appendEscaped(sb, s, false);
  }

  private static void appendEscaped(StringBuilder sb, String s, boolean quoted) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append(quoted ? "\\\"" : "\"");
          break;
        case '\\':
          sb.append(quoted ? "\\\\" : "\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
  }

  private static void indent(StringBuilder sb, int spaces) {
    for (int i = 0; i < spaces; i++) {
      sb.append(' ');
    }
  }

  /** A span's place in its trace's block: its depth, its tree label and its note. */
  private static final class Row {
    final SpanData span;
    final int depth;
    final String label;
    /** The label's length in code points, which is its width for most scripts. */
    final int labelWidth;
    String note = "";

    Row(SpanData span, int depth) {
      this.span = span;
      this.depth = depth;
      StringBuilder sb = new StringBuilder();
      indent(sb, 2 + 2 * depth);
      appendEscaped(sb, span.getName());
      if (span.getKind() != SpanKind.INTERNAL) {
        sb.append("  ").append(span.getKind());
      }
      this.label = sb.toString();
      this.labelWidth = label.codePointCount(0, label.length());
    }
  }

  /**
   * Maps the times of one trace's block onto {@value #BAR_WIDTH} columns: the earliest start is
   * column 0 and the latest end column {@value #BAR_WIDTH}.
   */
  private static final class TimeScale {
    final long start;
    final long extent;

    private TimeScale(long start, long extent) {
      this.start = start;
      this.extent = extent;
    }

    /** Returns the scale of {@code trace}, whose spans are sorted by start. */
    static TimeScale of(List<SpanData> trace) {
      long start = trace.get(0).getStartEpochNanos();
      long end = start;
      for (SpanData span : trace) {
        end = Math.max(end, span.getEndEpochNanos());
      }
      return new TimeScale(start, end - start);
    }

    long offset(SpanData span) {
      return span.getStartEpochNanos() - start;
    }

    /** Returns the first column of the span's bar. */
    int barStart(SpanData span) {
      return Math.min(column(offset(span)), BAR_WIDTH - 1);
    }

    /** Returns the column after the span's bar: always after {@link #barStart}. */
    int barEnd(SpanData span) {
      long end = Math.max(span.getEndEpochNanos(), span.getStartEpochNanos()) - start;
      return Math.max(column(end), barStart(span) + 1);
    }

    /** Returns the column an offset rounds to; 0 for every offset when the extent is 0. */
    private int column(long offset) {
      if (extent <= 0) {
        return 0;
      }
      // In double, because offset * BAR_WIDTH can overflow a long.
      long column = Math.round(offset * (double) BAR_WIDTH / extent);
      return (int) Math.max(0, Math.min(BAR_WIDTH, column));
    }
  }
}

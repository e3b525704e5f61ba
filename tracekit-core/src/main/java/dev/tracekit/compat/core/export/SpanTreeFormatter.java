package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.AttributeKey;
import dev.tracekit.compat.core.Attributes;
import dev.tracekit.compat.core.SpanContext;
import dev.tracekit.compat.core.SpanKind;
import dev.tracekit.compat.core.StatusCode;
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
 * each span under its parent. Pure and stateless; lines end with the platform line separator.
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
  private static final Comparator<SpanData> BY_START =
      (a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos());

  private SpanTreeFormatter() {}

  /** Returns the text for one batch: each trace's block, earliest trace first. */
  static String format(List<SpanData> spans) {
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
      appendTrace(sb, trace);
    }
    return sb.toString();
  }

  /** Appends the header and the span tree of one trace, whose spans are sorted by start. */
  private static void appendTrace(StringBuilder sb, List<SpanData> trace) {
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
    sb.append("trace ").append(first.getSpanContext().getTraceId());
    String service = first.getResource().getAttribute(SERVICE_NAME);
    if (service != null) {
      sb.append("  (service ");
      appendEscaped(sb, service);
      sb.append(')');
    }
    sb.append(NEWLINE);

    Set<SpanData> printed = Collections.newSetFromMap(new IdentityHashMap<>());
    appendTree(sb, roots, children, printed);
    if (printed.size() < trace.size()) {
      // Only parent links that form a cycle (ids reused within the batch) leave spans unreached.
      List<SpanData> unreached = new ArrayList<>();
      for (SpanData span : trace) {
        if (!printed.contains(span)) {
          unreached.add(span);
        }
      }
      appendTree(sb, unreached, children, printed);
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

  /** Appends {@code tops} at depth 0 and their descendants, depth first, without recursion. */
  private static void appendTree(
      StringBuilder sb,
      List<SpanData> tops,
      Map<Long, List<SpanData>> children,
      Set<SpanData> printed) {
    Deque<Node> stack = new ArrayDeque<>();
    for (int i = tops.size() - 1; i >= 0; i--) {
      stack.push(new Node(tops.get(i), 0));
    }
    while (!stack.isEmpty()) {
      Node node = stack.pop();
      if (!printed.add(node.span)) {
        continue;
      }
      String note = node.depth == 0 ? parentNote(node.span, children) : "";
      appendSpan(sb, node.span, node.depth, note);
      List<SpanData> kids = children.get(node.span.getSpanContext().getSpanIdAsLong());
      if (kids != null) {
        for (int i = kids.size() - 1; i >= 0; i--) {
          stack.push(new Node(kids.get(i), node.depth + 1));
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

  private static void appendSpan(StringBuilder sb, SpanData span, int depth, String note) {
    int indent = 2 + 2 * depth;
    indent(sb, indent);
    appendEscaped(sb, span.getName());
    if (span.getKind() != SpanKind.INTERNAL) {
      sb.append("  ").append(span.getKind());
    }
    sb.append("  ");
    appendMillis(sb, span.getEndEpochNanos() - span.getStartEpochNanos());
    if (span.getStatusCode() == StatusCode.ERROR) {
      sb.append("  ERROR");
      if (!span.getStatusDescription().isEmpty()) {
        sb.append(' ');
        appendQuoted(sb, span.getStatusDescription());
      }
    }
    sb.append("  span ").append(span.getSpanContext().getSpanId()).append(note).append(NEWLINE);

    int detail = indent + 4;
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

  private static final class Node {
    final SpanData span;
    final int depth;

    Node(SpanData span, int depth) {
      this.span = span;
      this.depth = depth;
    }
  }
}

package dev.tracekit.compat.bridge;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Received OTLP spans as comparable text, one line per span keyed by span id: ids, parent, name,
 * kind, times, status, the attributes and events (sorted by key) and the resource's {@code
 * service.name}. Attributes named in {@code ignored} show only that they are there (values that
 * differ from run to run by design, such as exception ids).
 */
final class SpanShapes {
  private SpanShapes() {}

  /** Returns span id (hex) → the span's text, over every span of {@code payloads}. */
  static Map<String, String> of(List<ExportTraceServiceRequest> payloads, Set<String> ignored) {
    Map<String, String> shapes = new TreeMap<>();
    for (ExportTraceServiceRequest payload : payloads) {
      for (ResourceSpans resourceSpans : payload.getResourceSpansList()) {
        String service = attribute(resourceSpans.getResource(), "service.name");
        for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
          for (Span span : scope.getSpansList()) {
            shapes.put(hex(span.getSpanId().toByteArray()), shape(span, service, ignored));
          }
        }
      }
    }
    return shapes;
  }

  private static String shape(Span span, String service, Set<String> ignored) {
    StringBuilder sb = new StringBuilder();
    sb.append("service=").append(service)
        .append(" trace=").append(hex(span.getTraceId().toByteArray()))
        .append(" parent=").append(hex(span.getParentSpanId().toByteArray()))
        .append(" name=").append(span.getName())
        .append(" kind=").append(span.getKind())
        .append(" start=").append(span.getStartTimeUnixNano())
        .append(" end=").append(span.getEndTimeUnixNano())
        .append(" status=").append(span.getStatus().getCode()).append(':').append(span.getStatus().getMessage())
        .append(" attributes=").append(attributes(span.getAttributesList(), ignored));
    List<String> events = new ArrayList<>();
    for (Span.Event event : span.getEventsList()) {
      events.add(event.getName() + "@" + event.getTimeUnixNano() + attributes(event.getAttributesList(), ignored));
    }
    sb.append(" events=").append(events);
    return sb.toString();
  }

  private static Map<String, String> attributes(List<KeyValue> attributes, Set<String> ignored) {
    Map<String, String> sorted = new TreeMap<>();
    for (KeyValue kv : attributes) {
      sorted.put(kv.getKey(), ignored.contains(kv.getKey()) ? "<present>" : text(kv.getValue()));
    }
    return sorted;
  }

  private static String attribute(Resource resource, String key) {
    for (KeyValue kv : resource.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return text(kv.getValue());
      }
    }
    return "<none>";
  }

  private static String text(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return '"' + value.getStringValue() + '"';
      case INT_VALUE:
        return value.getIntValue() + "L";
      case DOUBLE_VALUE:
        return value.getDoubleValue() + "D";
      case BOOL_VALUE:
        return String.valueOf(value.getBoolValue());
      case ARRAY_VALUE:
        List<String> items = new ArrayList<>();
        for (AnyValue item : value.getArrayValue().getValuesList()) {
          items.add(text(item));
        }
        return items.toString();
      default:
        return value.getValueCase().toString();
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }
}

package dev.tracekit.compat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/** Turns OTLP spans into shape nodes, inverting the shim's X-Ray → span attribute mapping. */
final class OtlpSpans {
  private static final String METADATA_PREFIX = "aws.xray.metadata.";

  private OtlpSpans() {}

  /** Returns every span of a request, whatever its resource or scope. */
  static List<Span> spans(ExportTraceServiceRequest request) {
    List<Span> spans = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        spans.addAll(scopeSpans.getSpansList());
      }
    }
    return spans;
  }

  /**
   * Parses OTLP/HTTP JSON (an {@code ExportTraceServiceRequest}) with the official proto. The three
   * id fields carry hex in OTLP JSON but {@link JsonFormat} reads {@code bytes} as base64, so they
   * are re-encoded first. Unknown fields are ignored, as OTLP receivers do.
   */
  static ExportTraceServiceRequest parseJson(String json) {
    try {
      return OtlpDecoding.parseJson(json.getBytes(StandardCharsets.UTF_8), false);
    } catch (OtlpDecoding.BadPayloadException e) {
      throw new IllegalArgumentException(
          "Not OTLP JSON (an ExportTraceServiceRequest): " + e.getMessage(), e);
    }
  }

  static String hex(ByteString bytes) {
    return OtlpDecoding.toHex(bytes);
  }

  /** Builds the forest: each span under the span its parentSpanId names, or a root. */
  static List<ShapeNode.Builder> roots(Iterable<Span> spans) {
    Map<String, ShapeNode.Builder> byId = new LinkedHashMap<>();
    Map<ShapeNode.Builder, String> parentOf = new HashMap<>();
    long sequence = 0;
    for (Span span : spans) {
      ShapeNode.Builder node = node(span);
      node.sequence = sequence++;
      byId.put(hex(span.getSpanId()), node);
      if (!span.getParentSpanId().isEmpty()) {
        parentOf.put(node, hex(span.getParentSpanId()));
      }
    }
    List<ShapeNode.Builder> roots = new ArrayList<>();
    for (ShapeNode.Builder node : byId.values()) {
      ShapeNode.Builder parent = byId.get(parentOf.get(node));
      if (parent != null && parent != node) {
        parent.children.add(node);
      } else {
        node.parentId = parentOf.get(node);
        roots.add(node);
      }
    }
    return roots;
  }

  private static ShapeNode.Builder node(Span span) {
    Map<String, AnyValue> attributes = new LinkedHashMap<>();
    for (KeyValue kv : span.getAttributesList()) {
      attributes.put(kv.getKey(), kv.getValue());
    }
    ShapeNode.Builder node = new ShapeNode.Builder();
    node.name = span.getName();
    node.kind = kind(span.getKind());
    node.id = hex(span.getSpanId());
    String trace = hex(span.getTraceId());
    node.traceId = trace.length() == 32 ? "1-" + trace.substring(0, 8) + "-" + trace.substring(8) : trace;
    node.orderNanos = span.getStartTimeUnixNano();
    node.startMicros = Math.round(span.getStartTimeUnixNano() / 1000.0);
    node.endMicros = span.getEndTimeUnixNano() == 0 ? null : Math.round(span.getEndTimeUnixNano() / 1000.0);
    node.namespace = string(attributes.get("aws.xray.namespace"));
    node.user = string(attributes.get("enduser.id"));
    node.origin = string(attributes.get("aws.xray.origin"));
    flags(span, attributes, node);
    AnyValue keys = attributes.get("aws.xray.annotations");
    if (keys != null) {
      for (AnyValue key : keys.getArrayValue().getValuesList()) {
        AnyValue value = attributes.get(key.getStringValue());
        if (value != null) {
          node.annotations.put(key.getStringValue(), scalar(value));
        }
      }
    }
    for (Map.Entry<String, AnyValue> attribute : attributes.entrySet()) {
      if (attribute.getKey().startsWith(METADATA_PREFIX)) {
        node.metadata.put(
            attribute.getKey().substring(METADATA_PREFIX.length()), jsonOrText(string(attribute.getValue())));
      }
    }
    node.http = http(attributes);
    node.aws = aws(attributes);
    node.sql = sql(attributes);
    for (Span.Event event : span.getEventsList()) {
      if (!"exception".equals(event.getName())) {
        continue;
      }
      Map<String, AnyValue> ea = new HashMap<>();
      for (KeyValue kv : event.getAttributesList()) {
        ea.put(kv.getKey(), kv.getValue());
      }
      if (ea.containsKey("aws.xray.exception.cause") && !ea.containsKey("aws.xray.exception.id")) {
        continue; // Refers to an exception a child recorded (X-Ray writes it as a string cause).
      }
      AnyValue remote = ea.get("aws.xray.exception.remote");
      node.exceptions.add(
          new ExceptionShape(
              string(ea.get("exception.type")),
              string(ea.get("exception.message")),
              remote != null && remote.getBoolValue(),
              string(ea.get("aws.xray.exception.id"))));
    }
    return node;
  }

  private static void flags(Span span, Map<String, AnyValue> attributes, ShapeNode.Builder node) {
    node.fault = isTrue(attributes.get("aws.xray.fault"));
    node.error = isTrue(attributes.get("aws.xray.error"));
    node.throttle = isTrue(attributes.get("aws.xray.throttle"));
    if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      boolean fromXray = false;
      for (String key : attributes.keySet()) {
        fromXray |= key.startsWith("aws.xray.");
      }
      // A span of another instrumentation (no aws.xray.* attribute): an error status is a fault.
      node.fault |= !fromXray;
    }
  }

  private static ShapeNode.Kind kind(Span.SpanKind kind) {
    switch (kind) {
      case SPAN_KIND_SERVER:
        return ShapeNode.Kind.SERVER;
      case SPAN_KIND_CLIENT:
        return ShapeNode.Kind.CLIENT;
      case SPAN_KIND_PRODUCER:
        return ShapeNode.Kind.PRODUCER;
      case SPAN_KIND_CONSUMER:
        return ShapeNode.Kind.CONSUMER;
      default:
        return ShapeNode.Kind.INTERNAL;
    }
  }

  @Nullable
  private static ObjectNode http(Map<String, AnyValue> a) {
    ObjectNode request = ShapeJson.MAPPER.createObjectNode();
    put(request, "method", first(a, "http.request.method", "http.method"));
    put(request, "url", first(a, "url.full", "http.url"));
    put(request, "client_ip", first(a, "client.address", "http.client_ip"));
    put(request, "user_agent", first(a, "user_agent.original", "http.user_agent"));
    put(request, "x_forwarded_for", a.get("aws.xray.x_forwarded_for"));
    ObjectNode response = ShapeJson.MAPPER.createObjectNode();
    put(response, "status", first(a, "http.response.status_code", "http.status_code"));
    put(response, "content_length", first(a, "http.response.body.size", "http.response_content_length"));
    ObjectNode http = ShapeJson.MAPPER.createObjectNode();
    if (request.size() > 0) {
      http.set("request", request);
    }
    if (response.size() > 0) {
      http.set("response", response);
    }
    return http;
  }

  @Nullable
  private static ObjectNode aws(Map<String, AnyValue> a) {
    ObjectNode aws = ShapeJson.MAPPER.createObjectNode();
    for (Map.Entry<String, AnyValue> attribute : a.entrySet()) {
      String key = attribute.getKey();
      if (!key.startsWith("aws.") || key.startsWith("aws.xray.") || key.equals("aws.service")) {
        continue;
      }
      Object value = scalar(attribute.getValue());
      String field = key.substring("aws.".length());
      if (value instanceof String && ((String) value).startsWith("[")) {
        JsonNode list = jsonOrText((String) value);
        if (list.isArray()) {
          aws.set(field, list);
          continue;
        }
      }
      aws.set(field, ShapeJson.MAPPER.valueToTree(value));
    }
    put(aws, "retries", a.get("aws.xray.retries"));
    return aws;
  }

  @Nullable
  private static ObjectNode sql(Map<String, AnyValue> a) {
    ObjectNode sql = ShapeJson.MAPPER.createObjectNode();
    String type = string(first(a, "db.system.name", "db.system"));
    if (type != null) {
      sql.put("database_type", type.toLowerCase(Locale.ROOT));
    }
    put(sql, "url", a.get("aws.xray.sql.url"));
    put(sql, "sanitized_query", first(a, "db.query.text", "db.statement"));
    put(sql, "user", a.get("db.user"));
    return sql;
  }

  @Nullable
  private static AnyValue first(Map<String, AnyValue> a, String key, String fallback) {
    AnyValue value = a.get(key);
    return value != null ? value : a.get(fallback);
  }

  private static void put(ObjectNode to, String field, @Nullable AnyValue value) {
    if (value != null) {
      to.set(field, ShapeJson.MAPPER.valueToTree(scalar(value)));
    }
  }

  private static boolean isTrue(@Nullable AnyValue value) {
    return value != null && value.getBoolValue();
  }

  @Nullable
  private static String string(@Nullable AnyValue value) {
    return value == null ? null : String.valueOf(scalar(value));
  }

  /** An annotation-like value: String, Boolean, Long or Double (arrays and others as text). */
  static Object scalar(AnyValue value) {
    switch (value.getValueCase()) {
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case STRING_VALUE:
        return value.getStringValue();
      default:
        return value.toString().trim();
    }
  }

  private static JsonNode jsonOrText(@Nullable String text) {
    if (text == null) {
      return NullNode.getInstance();
    }
    try {
      return ShapeJson.MAPPER.readTree(text);
    } catch (IOException e) {
      return ShapeJson.MAPPER.getNodeFactory().textNode(text);
    }
  }
}

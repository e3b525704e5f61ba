package dev.tracekit.compat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/** Turns X-Ray segment documents (whole or streamed in pieces) into shape nodes. */
final class XRayDocuments {
  private final List<ShapeNode.Builder> tops = new ArrayList<>();
  private final Map<String, ShapeNode.Builder> byId = new HashMap<>();
  private final Map<ShapeNode.Builder, String> parentOf = new HashMap<>();
  private long sequence;

  /** Adds one document: a segment, or a stand-alone subsegment ({@code type: subsegment}). */
  void add(String document) {
    JsonNode root = ShapeJson.parse(stripHeader(document), "X-Ray segment document");
    add(root);
  }

  void add(JsonNode root) {
    if (!root.isObject()) {
      throw new IllegalArgumentException("An X-Ray segment document is a JSON object: " + root);
    }
    if (root.path("inferred").asBoolean(false)) {
      return; // Made up by the X-Ray service from an aws subsegment: no counterpart in the app.
    }
    boolean segment = !"subsegment".equals(root.path("type").asText());
    String traceId = text(root, "trace_id");
    ShapeNode.Builder node = node(root, segment, traceId);
    String id = text(root, "id");
    ShapeNode.Builder previous = id == null ? null : byId.get(id);
    if (previous != null && previous != node && !root.path("in_progress").asBoolean(false)) {
      // A complete document replaces an earlier in-progress one with the same id.
      tops.remove(previous);
    } else if (previous != null && previous != node) {
      return;
    }
    if (id != null) {
      byId.put(id, node);
    }
    node.parentId = text(root, "parent_id");
    if (node.parentId != null) {
      parentOf.put(node, node.parentId);
    }
    tops.add(node);
  }

  /** Re-attaches documents under the node their parent_id names; the others are the roots. */
  List<ShapeNode.Builder> roots() {
    List<ShapeNode.Builder> roots = new ArrayList<>();
    for (ShapeNode.Builder top : tops) {
      String parentId = parentOf.get(top);
      ShapeNode.Builder parent = parentId == null ? null : byId.get(parentId);
      if (parent != null && parent != top && !isAncestor(top, parent)) {
        parent.children.add(top);
        top.parentId = null;
      } else {
        roots.add(top);
      }
    }
    return roots;
  }

  private boolean isAncestor(ShapeNode.Builder candidate, ShapeNode.Builder node) {
    for (ShapeNode.Builder child : candidate.children) {
      if (child == node || isAncestor(child, node)) {
        return true;
      }
    }
    return false;
  }

  private ShapeNode.Builder node(JsonNode json, boolean segment, @Nullable String traceId) {
    ShapeNode.Builder node = new ShapeNode.Builder();
    node.sequence = sequence++;
    node.name = json.path("name").asText("");
    node.id = text(json, "id");
    node.traceId = traceId;
    node.namespace = text(json, "namespace");
    if (segment) {
      node.kind = ShapeNode.Kind.SERVER;
    } else if ("aws".equals(node.namespace) || "remote".equals(node.namespace)) {
      node.kind = ShapeNode.Kind.CLIENT;
    }
    node.user = text(json, "user");
    node.origin = text(json, "origin");
    node.fault = json.path("fault").asBoolean(false);
    node.error = json.path("error").asBoolean(false);
    node.throttle = json.path("throttle").asBoolean(false);
    if (json.path("start_time").isNumber()) {
      double start = json.get("start_time").doubleValue();
      node.orderNanos = Math.round(start * 1e9);
      node.startMicros = Math.round(start * 1e6);
    }
    if (json.path("end_time").isNumber()) {
      node.endMicros = Math.round(json.get("end_time").doubleValue() * 1e6);
    }
    annotations(json.path("annotations"), node);
    Iterator<Map.Entry<String, JsonNode>> metadata = json.path("metadata").fields();
    while (metadata.hasNext()) {
      Map.Entry<String, JsonNode> ns = metadata.next();
      node.metadata.put(ns.getKey(), ns.getValue());
    }
    node.http = http(json.path("http"));
    node.aws = aws(json.path("aws"));
    node.sql = sql(json.path("sql"));
    exceptions(json.path("cause"), node);
    for (JsonNode child : json.path("subsegments")) {
      ShapeNode.Builder sub = node(child, false, traceId);
      if (sub.id != null) {
        byId.put(sub.id, sub);
      }
      node.children.add(sub);
    }
    return node;
  }

  private static void annotations(JsonNode annotations, ShapeNode.Builder node) {
    Iterator<Map.Entry<String, JsonNode>> fields = annotations.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value.isBoolean()) {
        node.annotations.put(field.getKey(), value.booleanValue());
      } else if (value.isIntegralNumber() && value.canConvertToLong()) {
        node.annotations.put(field.getKey(), value.longValue());
      } else if (value.isNumber()) {
        node.annotations.put(field.getKey(), value.doubleValue());
      } else if (!value.isNull()) {
        node.annotations.put(field.getKey(), value.isTextual() ? value.textValue() : value.toString());
      }
    }
  }

  @Nullable
  private static ObjectNode http(JsonNode http) {
    if (!http.isObject()) {
      return null;
    }
    ObjectNode out = ShapeJson.MAPPER.createObjectNode();
    JsonNode request = http.path("request");
    ObjectNode req = ShapeJson.MAPPER.createObjectNode();
    for (String key : new String[] {"method", "url", "client_ip", "user_agent", "x_forwarded_for"}) {
      copy(request, key, req);
    }
    if (req.path("url").isTextual()) {
      req.put("url", Credentials.redactUrl(req.path("url").textValue()));
    }
    if (req.size() > 0) {
      out.set("request", req);
    }
    JsonNode response = http.path("response");
    ObjectNode resp = ShapeJson.MAPPER.createObjectNode();
    for (String key : new String[] {"status", "content_length"}) {
      JsonNode value = response.get(key);
      if (value != null && value.isTextual()) {
        try {
          resp.put(key, Long.parseLong(value.textValue().trim()));
        } catch (NumberFormatException e) {
          resp.set(key, value);
        }
      } else if (value != null && !value.isNull()) {
        resp.set(key, value);
      }
    }
    if (resp.size() > 0) {
      out.set("response", resp);
    }
    return out;
  }

  @Nullable
  private static ObjectNode aws(JsonNode aws) {
    if (!aws.isObject()) {
      return null;
    }
    ObjectNode out = ShapeJson.MAPPER.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = aws.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      // "xray" is the SDK's description; objects (ec2, ecs, …) are plugin data, i.e. resource data.
      if (!"xray".equals(field.getKey()) && (value.isValueNode() || value.isArray()) && !value.isNull()) {
        out.set(field.getKey(), value);
      }
    }
    return out;
  }

  @Nullable
  private static ObjectNode sql(JsonNode sql) {
    if (!sql.isObject()) {
      return null;
    }
    ObjectNode out = ShapeJson.MAPPER.createObjectNode();
    String type = text(sql, "database_type");
    if (type != null) {
      out.put("database_type", type.toLowerCase(Locale.ROOT));
    }
    String url = text(sql, "url");
    if (url == null) {
      url = text(sql, "connection_string");
    }
    if (url != null) {
      out.put("url", Credentials.stripSql(url));
    }
    copy(sql, "sanitized_query", out);
    copy(sql, "user", out);
    return out;
  }

  private static void exceptions(JsonNode cause, ShapeNode.Builder node) {
    // A string cause only refers to an exception a child recorded: not an exception of its own.
    for (JsonNode exception : cause.path("exceptions")) {
      node.exceptions.add(
          new ExceptionShape(
              text(exception, "type"),
              text(exception, "message"),
              exception.path("remote").asBoolean(false),
              text(exception, "id")));
    }
  }

  private static void copy(JsonNode from, String key, ObjectNode to) {
    JsonNode value = from.get(key);
    if (value != null && !value.isNull()) {
      to.set(key, value);
    }
  }

  @Nullable
  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  /** Drops the daemon header line ({@code {"format":"json","version":1}}) when present. */
  static String stripHeader(String document) {
    String trimmed = document.trim();
    int newline = trimmed.indexOf('\n');
    if (trimmed.startsWith("{\"format\"") && newline > 0) {
      return trimmed.substring(newline + 1);
    }
    return trimmed;
  }
}

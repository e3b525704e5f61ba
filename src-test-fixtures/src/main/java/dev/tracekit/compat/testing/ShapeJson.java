package dev.tracekit.compat.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * The saved form of a shape: pretty JSON, {@code \n} line ends, fields in a fixed order, object keys
 * of free-form values sorted. Reading it back gives an equal shape whose JSON is byte-for-byte the
 * same.
 */
final class ShapeJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final int FORMAT_VERSION = 1;

  private static final ObjectWriter WRITER;

  static {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    WRITER = MAPPER.writer(printer);
  }

  private ShapeJson() {}

  static JsonNode parse(String json, String what) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("Empty " + what);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a valid " + what + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Returns a copy with every object's keys in sorted order. */
  static JsonNode normalize(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        sorted.put(field.getKey(), normalize(field.getValue()));
      }
      ObjectNode out = MAPPER.createObjectNode();
      out.setAll(sorted);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      for (JsonNode element : node) {
        out.add(normalize(element));
      }
      return out;
    }
    return node.deepCopy();
  }

  static String write(List<ShapeNode> roots) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("traceShape", FORMAT_VERSION);
    ArrayNode array = doc.putArray("roots");
    for (ShapeNode root : roots) {
      array.add(toTree(root));
    }
    try {
      return WRITER.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode toTree(ShapeNode node) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("name", node.name);
    out.put("kind", node.kind.name());
    putIfSet(out, "namespace", node.namespace);
    putIfSet(out, "traceId", node.traceId);
    putIfSet(out, "id", node.id);
    putIfSet(out, "parentId", node.parentId);
    if (node.startMicros != null) {
      out.put("startMicros", node.startMicros);
    }
    if (node.endMicros != null) {
      out.put("endMicros", node.endMicros);
    }
    putIfSet(out, "user", node.user);
    putIfSet(out, "origin", node.origin);
    if (node.fault) {
      out.put("fault", true);
    }
    if (node.error) {
      out.put("error", true);
    }
    if (node.throttle) {
      out.put("throttle", true);
    }
    if (!node.annotations.isEmpty()) {
      out.set("annotations", MAPPER.valueToTree(node.annotations));
    }
    if (!node.metadata.isEmpty()) {
      ObjectNode metadata = out.putObject("metadata");
      metadata.setAll(node.metadata);
    }
    setIfSet(out, "http", node.http);
    setIfSet(out, "aws", node.aws);
    setIfSet(out, "sql", node.sql);
    if (!node.exceptions.isEmpty()) {
      ArrayNode exceptions = out.putArray("exceptions");
      for (ExceptionShape e : node.exceptions) {
        ObjectNode ex = exceptions.addObject();
        putIfSet(ex, "type", e.getType());
        putIfSet(ex, "message", e.getMessage());
        if (e.isRemote()) {
          ex.put("remote", true);
        }
        putIfSet(ex, "id", e.getId());
      }
    }
    if (!node.children.isEmpty()) {
      ArrayNode children = out.putArray("children");
      for (ShapeNode child : node.children) {
        children.add(toTree(child));
      }
    }
    return out;
  }

  static List<ShapeNode> read(String json) {
    JsonNode doc = parse(json, "trace shape");
    if (doc.path("traceShape").asInt(-1) != FORMAT_VERSION || !doc.path("roots").isArray()) {
      throw new IllegalArgumentException(
          "Not a saved trace shape (expected {\"traceShape\": " + FORMAT_VERSION + ", \"roots\": [...]})");
    }
    List<ShapeNode> roots = new ArrayList<>();
    for (JsonNode root : doc.get("roots")) {
      roots.add(fromTree(root));
    }
    return roots;
  }

  private static ShapeNode fromTree(JsonNode json) {
    ShapeNode.Builder b = new ShapeNode.Builder();
    b.name = json.path("name").asText("");
    try {
      b.kind = ShapeNode.Kind.valueOf(json.path("kind").asText("INTERNAL"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown kind in saved shape: " + json.path("kind"), e);
    }
    b.namespace = text(json, "namespace");
    b.traceId = text(json, "traceId");
    b.id = text(json, "id");
    b.parentId = text(json, "parentId");
    b.startMicros = json.has("startMicros") ? json.get("startMicros").longValue() : null;
    b.endMicros = json.has("endMicros") ? json.get("endMicros").longValue() : null;
    b.user = text(json, "user");
    b.origin = text(json, "origin");
    b.fault = json.path("fault").asBoolean(false);
    b.error = json.path("error").asBoolean(false);
    b.throttle = json.path("throttle").asBoolean(false);
    Iterator<Map.Entry<String, JsonNode>> annotations = json.path("annotations").fields();
    while (annotations.hasNext()) {
      Map.Entry<String, JsonNode> a = annotations.next();
      JsonNode v = a.getValue();
      Object value = v.isBoolean() ? (Object) v.booleanValue()
          : v.isIntegralNumber() ? (Object) v.longValue()
          : v.isNumber() ? (Object) v.doubleValue()
          : v.asText();
      b.annotations.put(a.getKey(), value);
    }
    Iterator<Map.Entry<String, JsonNode>> metadata = json.path("metadata").fields();
    while (metadata.hasNext()) {
      Map.Entry<String, JsonNode> ns = metadata.next();
      b.metadata.put(ns.getKey(), ns.getValue());
    }
    b.http = object(json, "http");
    b.aws = object(json, "aws");
    b.sql = object(json, "sql");
    for (JsonNode e : json.path("exceptions")) {
      b.exceptions.add(
          new ExceptionShape(text(e, "type"), text(e, "message"), e.path("remote").asBoolean(false), text(e, "id")));
    }
    List<ShapeNode> children = new ArrayList<>();
    for (JsonNode child : json.path("children")) {
      children.add(fromTree(child));
    }
    return b.buildAsIs(children);
  }

  @Nullable
  private static ObjectNode object(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value instanceof ObjectNode ? (ObjectNode) value : null;
  }

  @Nullable
  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void putIfSet(ObjectNode out, String field, @Nullable String value) {
    if (value != null) {
      out.put(field, value);
    }
  }

  private static void setIfSet(ObjectNode out, String field, @Nullable JsonNode value) {
    if (value != null) {
      out.set(field, value);
    }
  }

  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}

package dev.tracekit.compat.xray.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares two X-Ray segment documents field by field (names, nesting, values; not order) after
 * normalizing what must differ between two runtimes:
 *
 * <ul>
 *   <li>exception ids are random: each becomes {@code <exception N>} by order of appearance, and
 *       every reference to it ({@code cause} of another exception, {@code cause.id}) follows;
 *   <li>{@code aws.xray.sdk} and {@code aws.xray.sdk_version} name the implementation;
 *   <li>{@code service.runtime} and {@code service.runtime_version} are removed on both sides (both
 *       run on this JVM, but the shim may describe it differently).
 * </ul>
 *
 * Nothing else is excluded: {@code cause.working_directory} is compared (both runs share the
 * process's directory).
 */
final class DocumentDiff {
  static final List<String> EXCLUDED_FIELDS =
      Collections.unmodifiableList(
          Arrays.asList("aws.xray.sdk", "aws.xray.sdk_version", "service.runtime", "service.runtime_version"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private DocumentDiff() {}

  static JsonNode parse(String document) {
    try {
      return JSON.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + document, e);
    }
  }

  /** Returns the document with exclusions removed and exception ids replaced by tokens. */
  static JsonNode normalize(String document) {
    JsonNode tree = parse(document);
    if (!tree.isObject()) {
      throw new AssertionError("Not a document: " + document);
    }
    Map<String, String> ids = new HashMap<>();
    collectExceptionIds(tree, ids);
    JsonNode normalized = replaceIds(tree, ids);
    removeExcluded((ObjectNode) normalized);
    return normalized;
  }

  /** Returns one line per difference, {@code path: real=… shim=…}; empty when the same. */
  static List<String> differences(String real, String shim) {
    List<String> out = new ArrayList<>();
    diff("$", normalize(real), normalize(shim), out);
    return out;
  }

  private static void collectExceptionIds(JsonNode node, Map<String, String> ids) {
    if (node.isObject()) {
      JsonNode exceptions = node.path("cause").path("exceptions");
      for (JsonNode exception : exceptions) {
        JsonNode id = exception.get("id");
        if (id != null && id.isTextual() && !ids.containsKey(id.asText())) {
          ids.put(id.asText(), "<exception " + (ids.size() + 1) + ">");
        }
      }
      for (JsonNode child : node) {
        collectExceptionIds(child, ids);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collectExceptionIds(child, ids);
      }
    }
  }

  private static JsonNode replaceIds(JsonNode node, Map<String, String> ids) {
    if (node.isTextual() && ids.containsKey(node.asText())) {
      return TextNode.valueOf(ids.get(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        copy.set(field.getKey(), replaceIds(field.getValue(), ids));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      for (JsonNode element : node) {
        copy.add(replaceIds(element, ids));
      }
      return copy;
    }
    return node;
  }

  private static void removeExcluded(ObjectNode document) {
    for (String path : EXCLUDED_FIELDS) {
      String[] parts = path.split("\\.");
      JsonNode parent = document;
      for (int i = 0; i < parts.length - 1 && parent != null; i++) {
        parent = parent.get(parts[i]);
      }
      if (parent instanceof ObjectNode) {
        ((ObjectNode) parent).remove(parts[parts.length - 1]);
      }
    }
  }

  private static void diff(String path, JsonNode real, JsonNode shim, List<String> out) {
    if (real.isObject() && shim.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      real.fieldNames().forEachRemaining(names::add);
      shim.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode r = real.get(name);
        JsonNode s = shim.get(name);
        if (r == null) {
          out.add(path + "." + name + ": only in the shim: " + s);
        } else if (s == null) {
          out.add(path + "." + name + ": only in the real SDK: " + r);
        } else {
          diff(path + "." + name, r, s, out);
        }
      }
    } else if (real.isArray() && shim.isArray() && real.size() == shim.size()) {
      for (int i = 0; i < real.size(); i++) {
        diff(path + "[" + i + "]", real.get(i), shim.get(i), out);
      }
    } else if (!real.equals(shim)) {
      out.add(path + ": real=" + real + " shim=" + shim);
    }
  }
}

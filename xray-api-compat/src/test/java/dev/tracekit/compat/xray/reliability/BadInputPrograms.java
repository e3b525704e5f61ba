package dev.tracekit.compat.xray.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracekit.compat.xray.reference.XRayReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs the programs {@code scenarios.BadInput} and {@code scenarios.Misuse} (test resources, {@code
 * xray-programs/}) on the real
 * X-Ray SDK 2.21.0 and on the shim (see {@link XRayReference}), and makes the X-Ray documents it
 * reports comparable: {@link #stable} removes what differs on every run (ids, times, the SDK's and
 * the JVM's description).
 */
final class BadInputPrograms {
  private static final String PROGRAM = "scenarios.BadInput";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VOLATILE =
      Arrays.asList("id", "parent_id", "trace_id", "start_time", "end_time", "service");

  private BadInputPrograms() {}

  /** Runs {@code method} of {@code BadInput}, or {@code Class.method} of another program. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> real(String method, Object... args) {
    return (Map<String, Object>) XRayReference.REAL.call(program(method), name(method), args);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> shim(String method, Object... args) {
    return (Map<String, Object>) XRayReference.SHIM.call(program(method), name(method), args);
  }

  private static String program(String method) {
    int dot = method.indexOf('.');
    return dot < 0 ? PROGRAM : "scenarios." + method.substring(0, dot);
  }

  private static String name(String method) {
    return method.substring(method.indexOf('.') + 1);
  }

  /** Calls a static method of the program on the shim's side (to read its constants). */
  static Object shimValue(String method, Object... args) {
    return XRayReference.SHIM.call(PROGRAM, method, args);
  }

  /** The documents of a run's {@code documents} entry, each made {@link #stable}. */
  @SuppressWarnings("unchecked")
  static List<JsonNode> documents(Map<String, Object> run) {
    List<JsonNode> out = new ArrayList<>();
    for (String document : (List<String>) run.get("documents")) {
      out.add(stable(document));
    }
    return out;
  }

  /**
   * Parses an X-Ray document and removes, at every level, the fields that differ between two runs:
   * ids, times, {@code service}, {@code aws.xray} (the SDK's name and version) and exception ids. An
   * empty document (what the real SDK emits when Jackson fails) stays a text node.
   */
  static JsonNode stable(String document) {
    if (document.isEmpty()) {
      return JSON.getNodeFactory().textNode("");
    }
    try {
      JsonNode tree = JSON.readTree(document);
      strip(tree);
      return tree;
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + document, e);
    }
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object.remove(VOLATILE);
      JsonNode aws = object.get("aws");
      if (aws instanceof ObjectNode) {
        ((ObjectNode) aws).remove("xray");
        if (aws.isEmpty()) {
          object.remove("aws");
        }
      }
      for (JsonNode child : object) {
        strip(child);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        strip(child);
      }
    }
  }
}

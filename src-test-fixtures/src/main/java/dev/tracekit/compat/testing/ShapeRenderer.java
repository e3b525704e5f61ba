package dev.tracekit.compat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/** Renders a node and its subtree as short indented text, for failure messages and toString. */
final class ShapeRenderer {
  /** Longest rendering of one JSON value before it is cut. */
  private static final int MAX_VALUE_CHARS = 120;

  private ShapeRenderer() {}

  static String render(@Nullable ShapeNode node, int maxLines) {
    if (node == null) {
      return "  <none>";
    }
    List<String> lines = new ArrayList<>();
    render(node, "  ", lines);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (i == maxLines) {
        sb.append("  … (").append(lines.size() - maxLines).append(" more lines)\n");
        break;
      }
      sb.append(lines.get(i)).append('\n');
    }
    return sb.toString();
  }

  static String render(List<ShapeNode> roots, int maxLines) {
    if (roots.isEmpty()) {
      return "  <empty>\n";
    }
    StringBuilder sb = new StringBuilder();
    for (ShapeNode root : roots) {
      sb.append(render(root, maxLines));
    }
    return sb.toString();
  }

  private static void render(ShapeNode node, String indent, List<String> lines) {
    StringBuilder head = new StringBuilder(indent).append(node.name).append(" [").append(node.kind);
    if (node.namespace != null) {
      head.append(", namespace=").append(node.namespace);
    }
    if (node.fault) {
      head.append(", fault");
    }
    if (node.error) {
      head.append(", error");
    }
    if (node.throttle) {
      head.append(", throttle");
    }
    if (node.user != null) {
      head.append(", user=").append(node.user);
    }
    if (node.origin != null) {
      head.append(", origin=").append(node.origin);
    }
    if (node.id != null) {
      head.append(", id=").append(node.id);
    }
    lines.add(head.append(']').toString());
    String inner = indent + "    ";
    if (!node.annotations.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, Object> a : node.annotations.entrySet()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(a.getKey()).append('=')
            .append(ShapeComparator.render(a.getValue()));
      }
      lines.add(inner + "annotations: " + sb);
    }
    for (Map.Entry<String, JsonNode> ns : node.metadata.entrySet()) {
      lines.add(inner + "metadata." + ns.getKey() + ": " + cut(ShapeJson.compact(ns.getValue())));
    }
    json(inner, "http", node.http, lines);
    json(inner, "aws", node.aws, lines);
    json(inner, "sql", node.sql, lines);
    for (ExceptionShape e : node.exceptions) {
      lines.add(inner + "exception: " + e);
    }
    for (ShapeNode child : node.children) {
      render(child, indent + "  ", lines);
    }
  }

  private static void json(String indent, String name, @Nullable JsonNode value, List<String> lines) {
    if (value != null) {
      lines.add(indent + name + ": " + cut(ShapeJson.compact(value)));
    }
  }

  private static String cut(String text) {
    return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "…";
  }
}

package dev.tracekit.compat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * Finds the first difference between two shapes, walking them depth first: a node's own fields, then
 * the names and counts of its children, then each child in order.
 */
final class ShapeComparator {
  static final String ABSENT = "<absent>";
  /** Times are compared to the microsecond, with one microsecond of slack for double rounding. */
  private static final long TIME_SLACK_MICROS = 1;

  /** Where two shapes first differ: a path, both values, and the nodes that hold them. */
  static final class Difference {
    final String path;
    final String expected;
    final String actual;
    @Nullable final ShapeNode expectedNode;
    @Nullable final ShapeNode actualNode;

    Difference(String path, String expected, String actual, @Nullable ShapeNode e, @Nullable ShapeNode a) {
      this.path = path;
      this.expected = expected;
      this.actual = actual;
      this.expectedNode = e;
      this.actualNode = a;
    }
  }

  private ShapeComparator() {}

  @Nullable
  static Difference firstDifference(List<ShapeNode> expected, List<ShapeNode> actual) {
    return children("", null, null, expected, actual);
  }

  @Nullable
  static Difference firstDifference(ShapeNode expected, ShapeNode actual) {
    if (!expected.name.equals(actual.name)) {
      return new Difference("/name", quote(expected.name), quote(actual.name), expected, actual);
    }
    return node("/" + expected.name, expected, actual);
  }

  @Nullable
  private static Difference node(String path, ShapeNode e, ShapeNode a) {
    Difference d = field(path + "/kind", e.kind.name(), a.kind.name(), e, a);
    d = d != null ? d : field(path + "/namespace", e.namespace, a.namespace, e, a);
    d = d != null ? d : field(path + "/user", e.user, a.user, e, a);
    d = d != null ? d : field(path + "/origin", e.origin, a.origin, e, a);
    d = d != null ? d : field(path + "/fault", e.fault, a.fault, e, a);
    d = d != null ? d : field(path + "/error", e.error, a.error, e, a);
    d = d != null ? d : field(path + "/throttle", e.throttle, a.throttle, e, a);
    d = d != null ? d : field(path + "/traceId", e.traceId, a.traceId, e, a);
    d = d != null ? d : field(path + "/id", e.id, a.id, e, a);
    d = d != null ? d : field(path + "/parentId", e.parentId, a.parentId, e, a);
    d = d != null ? d : time(path + "/startMicros", e.startMicros, a.startMicros, e, a);
    d = d != null ? d : time(path + "/endMicros", e.endMicros, a.endMicros, e, a);
    d = d != null ? d : annotations(path + "/annotations", e, a);
    d = d != null ? d : json(path + "/metadata", toTree(e.metadata), toTree(a.metadata), e, a);
    d = d != null ? d : json(path + "/http", e.http, a.http, e, a);
    d = d != null ? d : json(path + "/aws", e.aws, a.aws, e, a);
    d = d != null ? d : json(path + "/sql", e.sql, a.sql, e, a);
    d = d != null ? d : exceptions(path + "/exceptions", e, a);
    return d != null ? d : children(path, e, a, e.children, a.children);
  }

  @Nullable
  private static Difference children(
      String path, @Nullable ShapeNode eParent, @Nullable ShapeNode aParent, List<ShapeNode> e, List<ShapeNode> a) {
    Map<String, List<ShapeNode>> eByName = byName(e);
    Map<String, List<ShapeNode>> aByName = byName(a);
    TreeSet<String> names = new TreeSet<>(eByName.keySet());
    names.addAll(aByName.keySet());
    for (String name : names) {
      List<ShapeNode> en = eByName.containsKey(name) ? eByName.get(name) : new ArrayList<ShapeNode>();
      List<ShapeNode> an = aByName.containsKey(name) ? aByName.get(name) : new ArrayList<ShapeNode>();
      if (en.size() != an.size()) {
        int index = Math.min(en.size(), an.size());
        String where = path + "/" + name + (Math.max(en.size(), an.size()) > 1 ? "[" + index + "]" : "");
        String what = eParent == null ? "root" : "child";
        return new Difference(
            where, count(en.size(), what, name), count(an.size(), what, name), eParent, aParent);
      }
    }
    for (String name : names) {
      List<ShapeNode> en = eByName.get(name);
      List<ShapeNode> an = aByName.get(name);
      for (int i = 0; i < en.size(); i++) {
        String childPath = path + "/" + name + (en.size() > 1 ? "[" + i + "]" : "");
        Difference d = node(childPath, en.get(i), an.get(i));
        if (d != null) {
          return d;
        }
      }
    }
    return null;
  }

  private static String count(int n, String what, String name) {
    return n + " " + what + (n == 1 ? "" : what.equals("child") ? "ren" : "s") + " named " + quote(name);
  }

  private static Map<String, List<ShapeNode>> byName(List<ShapeNode> nodes) {
    Map<String, List<ShapeNode>> byName = new LinkedHashMap<>();
    for (ShapeNode node : nodes) {
      List<ShapeNode> list = byName.get(node.name);
      if (list == null) {
        list = new ArrayList<>();
        byName.put(node.name, list);
      }
      list.add(node);
    }
    return byName;
  }

  @Nullable
  private static Difference field(String path, @Nullable Object e, @Nullable Object a, ShapeNode en, ShapeNode an) {
    return Objects.equals(e, a) ? null : new Difference(path, render(e), render(a), en, an);
  }

  @Nullable
  private static Difference time(String path, @Nullable Long e, @Nullable Long a, ShapeNode en, ShapeNode an) {
    if (e != null && a != null && Math.abs(e - a) <= TIME_SLACK_MICROS) {
      return null;
    }
    return field(path, e, a, en, an);
  }

  @Nullable
  private static Difference annotations(String path, ShapeNode e, ShapeNode a) {
    TreeSet<String> keys = new TreeSet<>(e.annotations.keySet());
    keys.addAll(a.annotations.keySet());
    for (String key : keys) {
      Object ev = e.annotations.get(key);
      Object av = a.annotations.get(key);
      if (!sameValue(ev, av)) {
        return new Difference(path + "/" + key, render(ev), render(av), e, a);
      }
    }
    return null;
  }

  private static boolean sameValue(@Nullable Object e, @Nullable Object a) {
    if (e instanceof Number && a instanceof Number) {
      return sameNumber(((Number) e).doubleValue(), ((Number) a).doubleValue(), e, a);
    }
    return Objects.equals(e, a);
  }

  private static boolean sameNumber(double ed, double ad, Object e, Object a) {
    if (e instanceof Long && a instanceof Long) {
      return e.equals(a);
    }
    return ed == ad || (Double.isNaN(ed) && Double.isNaN(ad));
  }

  private static JsonNode toTree(Map<String, JsonNode> map) {
    return ShapeJson.MAPPER.createObjectNode().setAll(map);
  }

  @Nullable
  private static Difference json(String path, @Nullable JsonNode e, @Nullable JsonNode a, ShapeNode en, ShapeNode an) {
    if (e == null && a == null) {
      return null;
    }
    if (e == null || a == null) {
      JsonNode present = e != null ? e : a;
      if (present.isObject() && present.size() == 0) {
        return null;
      }
      return new Difference(path, e == null ? ABSENT : ShapeJson.compact(e), a == null ? ABSENT : ShapeJson.compact(a), en, an);
    }
    if (e.isNumber() && a.isNumber()) {
      return sameJsonNumber(e, a) ? null : new Difference(path, e.toString(), a.toString(), en, an);
    }
    if (e.isObject() && a.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      for (String key : keys) {
        JsonNode ev = e.get(key);
        JsonNode av = a.get(key);
        if (ev == null || av == null) {
          return new Difference(path + "/" + key, ev == null ? ABSENT : ShapeJson.compact(ev),
              av == null ? ABSENT : ShapeJson.compact(av), en, an);
        }
        Difference d = json(path + "/" + key, ev, av, en, an);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (e.isArray() && a.isArray()) {
      for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
        if (i >= e.size() || i >= a.size()) {
          return new Difference(path + "[" + i + "]", i >= e.size() ? ABSENT : ShapeJson.compact(e.get(i)),
              i >= a.size() ? ABSENT : ShapeJson.compact(a.get(i)), en, an);
        }
        Difference d = json(path + "[" + i + "]", e.get(i), a.get(i), en, an);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return e.equals(a) ? null : new Difference(path, ShapeJson.compact(e), ShapeJson.compact(a), en, an);
  }

  private static boolean sameJsonNumber(JsonNode e, JsonNode a) {
    if (e.isIntegralNumber() && a.isIntegralNumber()) {
      return e.bigIntegerValue().equals(a.bigIntegerValue());
    }
    BigDecimal ed = e.decimalValue();
    BigDecimal ad = a.decimalValue();
    return ed.compareTo(ad) == 0 || e.doubleValue() == a.doubleValue();
  }

  @Nullable
  private static Difference exceptions(String path, ShapeNode e, ShapeNode a) {
    int n = Math.max(e.exceptions.size(), a.exceptions.size());
    for (int i = 0; i < n; i++) {
      String at = path + "[" + i + "]";
      if (i >= e.exceptions.size() || i >= a.exceptions.size()) {
        return new Difference(at, i >= e.exceptions.size() ? ABSENT : quote(e.exceptions.get(i).toString()),
            i >= a.exceptions.size() ? ABSENT : quote(a.exceptions.get(i).toString()), e, a);
      }
      ExceptionShape ee = e.exceptions.get(i);
      ExceptionShape ae = a.exceptions.get(i);
      Difference d = field(at + "/type", ee.getType(), ae.getType(), e, a);
      d = d != null ? d : field(at + "/message", ee.getMessage(), ae.getMessage(), e, a);
      d = d != null ? d : field(at + "/remote", ee.isRemote(), ae.isRemote(), e, a);
      d = d != null ? d : field(at + "/id", ee.getId(), ae.getId(), e, a);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  static String render(@Nullable Object value) {
    if (value == null) {
      return ABSENT;
    }
    return value instanceof String ? quote((String) value) : String.valueOf(value);
  }

  static String quote(String s) {
    return ShapeJson.MAPPER.getNodeFactory().textNode(s).toString();
  }
}

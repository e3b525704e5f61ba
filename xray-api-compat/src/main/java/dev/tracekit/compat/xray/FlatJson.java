package dev.tracekit.compat.xray;

import java.util.Map;
import javax.annotation.Nullable;

/**
 * Writes the common shape of a metadata namespace — a map of strings, integers and booleans — as
 * JSON without Jackson: the same text {@link EntityDocuments#toJson} writes for it (entries with
 * null or empty-string values left out, Jackson's escapes), for a fraction of the work. Anything
 * else is left to the mapper.
 */
final class FlatJson {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FlatJson() {}

  /**
   * Returns {@code value} as JSON when it is a map whose keys are strings and whose values are
   * null, strings, {@code Integer}, {@code Long}, {@code Short}, {@code Byte} or {@code Boolean};
   * null for anything else.
   */
  @Nullable
  static String write(@Nullable Object value) {
    if (!(value instanceof Map)) {
      return null;
    }
    Object[] entries = SmallConcurrentMap.entriesOf(castMap(value));
    StringBuilder json = new StringBuilder(16 + entries.length * 12);
    json.append('{');
    boolean first = true;
    for (int i = 0; i < entries.length; i += 2) {
      Object key = entries[i];
      Object v = entries[i + 1];
      if (!(key instanceof String)) {
        return null;
      }
      if (v == null || (v instanceof String && ((String) v).isEmpty())) {
        continue;
      }
      if (!first) {
        json.append(',');
      }
      string(json, (String) key);
      json.append(':');
      if (v instanceof String) {
        string(json, (String) v);
      } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
        json.append(((Number) v).longValue());
      } else if (v instanceof Boolean) {
        json.append(((Boolean) v).booleanValue());
      } else {
        return null;
      }
      first = false;
    }
    return json.append('}').toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> castMap(Object value) {
    return (Map<String, ?>) value;
  }

  /** Appends {@code s} quoted, escaped as Jackson does by default. */
  private static void string(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        json.append(c);
        continue;
      }
      json.append('\\');
      switch (c) {
        case '"':
        case '\\':
          json.append(c);
          break;
        case '\b':
          json.append('b');
          break;
        case '\t':
          json.append('t');
          break;
        case '\n':
          json.append('n');
          break;
        case '\f':
          json.append('f');
          break;
        case '\r':
          json.append('r');
          break;
        default:
          json.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    json.append('"');
  }
}

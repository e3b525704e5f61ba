package dev.tracekit.compat.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Typed reads of the fields of a parsed JSON object, each failing with an {@link
 * InvalidJsonException} that names the field by its path ({@code rules[2].rate}). A field that is
 * absent or JSON {@code null} takes the fallback when there is one and is an error otherwise.
 */
final class JsonFields {
  private JsonFields() {}

  /** Returns {@code node}, which must be a JSON object. */
  static JsonNode object(JsonNode node, String path) throws InvalidJsonException {
    if (!node.isObject()) {
      throw new InvalidJsonException(path + " must be a JSON object");
    }
    return node;
  }

  /** Returns the array {@code key} of {@code object}, or an empty one when absent and allowed. */
  static Iterable<JsonNode> array(JsonNode object, String path, String key, boolean required)
      throws InvalidJsonException {
    JsonNode value = object.get(key);
    if (isAbsent(value)) {
      if (required) {
        throw missing(path, key);
      }
      return Collections.emptyList();
    }
    if (!value.isArray()) {
      throw new InvalidJsonException(name(path, key) + " must be a JSON array");
    }
    return value;
  }

  /** Returns the string {@code key}, at most {@code maxLength} characters long. */
  static String string(
      JsonNode object, String path, String key, @Nullable String fallback, int maxLength)
      throws InvalidJsonException {
    JsonNode value = object.get(key);
    if (isAbsent(value)) {
      if (fallback == null) {
        throw missing(path, key);
      }
      return fallback;
    }
    if (!value.isTextual()) {
      throw new InvalidJsonException(name(path, key) + " must be a string, not " + value);
    }
    String text = value.textValue();
    if (text.length() > maxLength) {
      throw new InvalidJsonException(
          name(path, key) + " must be at most " + maxLength + " characters long");
    }
    return text;
  }

  /** Returns the whole number {@code key}, from {@code min} to {@code max}. */
  static long wholeNumber(
      JsonNode object, String path, String key, @Nullable Long fallback, long min, long max)
      throws InvalidJsonException {
    JsonNode value = object.get(key);
    if (isAbsent(value)) {
      if (fallback == null) {
        throw missing(path, key);
      }
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()
        || value.longValue() < min || value.longValue() > max) {
      throw new InvalidJsonException(
          name(path, key) + " must be a whole number from " + min + " to " + max + ", not "
              + value);
    }
    return value.longValue();
  }

  /** Returns the number {@code key}, from {@code min} to {@code max}. */
  static double number(
      JsonNode object, String path, String key, @Nullable Double fallback, double min, double max)
      throws InvalidJsonException {
    JsonNode value = object.get(key);
    if (isAbsent(value)) {
      if (fallback == null) {
        throw missing(path, key);
      }
      return fallback;
    }
    if (!value.isNumber() || !(value.doubleValue() >= min && value.doubleValue() <= max)) {
      throw new InvalidJsonException(
          name(path, key) + " must be a number from " + min + " to " + max + ", not " + value);
    }
    return value.doubleValue();
  }

  /** Returns the object {@code key} of string values; empty when absent. */
  static Map<String, String> stringMap(JsonNode object, String path, String key)
      throws InvalidJsonException {
    JsonNode value = object.get(key);
    if (isAbsent(value)) {
      return Collections.emptyMap();
    }
    if (!value.isObject()) {
      throw new InvalidJsonException(name(path, key) + " must be a JSON object");
    }
    Map<String, String> map = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isTextual()) {
        throw new InvalidJsonException(
            name(name(path, key), field.getKey()) + " must be a string, not " + field.getValue());
      }
      map.put(field.getKey(), field.getValue().textValue());
    }
    return map;
  }

  /** Whether {@code object} has {@code key}, with a value other than JSON {@code null}. */
  static boolean has(JsonNode object, String key) {
    return !isAbsent(object.get(key));
  }

  private static boolean isAbsent(@Nullable JsonNode value) {
    return value == null || value.isNull();
  }

  private static InvalidJsonException missing(String path, String key) {
    return new InvalidJsonException(name(path, key) + " is required");
  }

  private static String name(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}

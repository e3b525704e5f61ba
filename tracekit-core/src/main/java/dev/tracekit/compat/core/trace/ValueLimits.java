package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.AttributeType;
import dev.tracekit.compat.core.api.Attributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/** How a span applies its {@link SpanLimits} to the values it is given. */
final class ValueLimits {
  private ValueLimits() {}

  /** Cuts strings (alone or in arrays) to {@code maxLength} characters, never splitting a pair. */
  static Object limitValue(AttributeType type, Object value, int maxLength) {
    if (type == AttributeType.STRING) {
      return truncate((String) value, maxLength);
    }
    if (type == AttributeType.STRING_ARRAY) {
      @SuppressWarnings("unchecked")
      List<String> strings = (List<String>) value;
      List<String> out = null;
      for (int i = 0; i < strings.size(); i++) {
        String s = strings.get(i);
        String t = truncate(s, maxLength);
        if (t != s && out == null) {
          out = new ArrayList<>(strings);
        }
        if (out != null) {
          out.set(i, t);
        }
      }
      return out == null ? value : Collections.unmodifiableList(out);
    }
    return value;
  }

  /** Returns {@code s} cut to {@code maxLength} characters, never splitting a pair; "" for null. */
  static String truncate(@Nullable String s, int maxLength) {
    if (s == null) {
      return "";
    }
    if (s.length() <= maxLength) {
      return s;
    }
    int end = maxLength;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Returns the first attributes that {@code limits} keep, their strings cut. */
  static Attributes limitAttributes(Attributes attributes, SpanLimits limits) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    Attributes.Builder builder = Attributes.builder();
    int[] kept = {0};
    int max = limits.getMaxAttributes();
    int maxLength = limits.getMaxAttributeValueLength();
    attributes.forEach(
        (key, value) -> {
          if (kept[0] < max) {
            kept[0]++;
            putTyped(builder, key, limitValue(key.getType(), value, maxLength));
          }
        });
    return builder.build();
  }

  @SuppressWarnings("unchecked")
  static void putTyped(Attributes.Builder builder, AttributeKey<?> key, Object value) {
    builder.put((AttributeKey<Object>) key, value);
  }
}

package dev.tracekit.compat.xray.mapping;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.AttributeType;

/**
 * Attribute keys for names that repeat from span to span (the annotation names of an app), so that
 * a span recorded from another API's data does not make a new key per attribute. Bounded: {@value
 * #SLOTS} keys of at most {@value #MAX_CACHED_LENGTH} characters, a new name replacing the one in
 * its slot; longer names get a new key each time. Not API. Thread-safe.
 */
final class AttributeKeyCache {
  static final int SLOTS = 256;
  static final int MAX_CACHED_LENGTH = 64;

  // Read and written without locks: a key's fields are final, so a key read from a slot is whole;
  // a lost race only costs a miss.
  private final AttributeKey<?>[] slots = new AttributeKey<?>[SLOTS];

  /** Returns a key for {@code name} whose value is a string. */
  AttributeKey<String> stringKey(String name) {
    return stringKey("", name);
  }

  /** Returns a key for {@code name} whose value is a boolean. */
  AttributeKey<Boolean> booleanKey(String name) {
    return booleanKey("", name);
  }

  /** Returns a key for {@code name} whose value is a 64-bit integer. */
  AttributeKey<Long> longKey(String name) {
    return longKey("", name);
  }

  /** Returns a key for {@code name} whose value is a double. */
  AttributeKey<Double> doubleKey(String name) {
    return doubleKey("", name);
  }

  /**
   * Returns a key for {@code prefix + name} whose value is a string. The two are joined only when
   * the key is not kept (mapped names such as {@code aws.xray.metadata.<namespace>}).
   */
  @SuppressWarnings("unchecked")
  AttributeKey<String> stringKey(String prefix, String name) {
    return (AttributeKey<String>) get(prefix, name, AttributeType.STRING);
  }

  /** Returns a key for {@code prefix + name} whose value is a boolean. */
  @SuppressWarnings("unchecked")
  AttributeKey<Boolean> booleanKey(String prefix, String name) {
    return (AttributeKey<Boolean>) get(prefix, name, AttributeType.BOOLEAN);
  }

  /** Returns a key for {@code prefix + name} whose value is a 64-bit integer. */
  @SuppressWarnings("unchecked")
  AttributeKey<Long> longKey(String prefix, String name) {
    return (AttributeKey<Long>) get(prefix, name, AttributeType.LONG);
  }

  /** Returns a key for {@code prefix + name} whose value is a double. */
  @SuppressWarnings("unchecked")
  AttributeKey<Double> doubleKey(String prefix, String name) {
    return (AttributeKey<Double>) get(prefix, name, AttributeType.DOUBLE);
  }

  private AttributeKey<?> get(String prefix, String name, AttributeType type) {
    if (prefix.length() + name.length() > MAX_CACHED_LENGTH) {
      return create(join(prefix, name), type);
    }
    // The hash String.hashCode() gives prefix + name (a name alone has its hash cached).
    int hash = name.hashCode();
    if (!prefix.isEmpty()) {
      hash = prefix.hashCode();
      for (int i = 0; i < name.length(); i++) {
        hash = 31 * hash + name.charAt(i);
      }
    }
    int slot = (hash * 31 + type.ordinal()) & (SLOTS - 1);
    AttributeKey<?> key = slots[slot];
    if (key != null && key.getType() == type && isJoined(key.getKey(), prefix, name)) {
      return key;
    }
    key = create(join(prefix, name), type);
    slots[slot] = key;
    return key;
  }

  private static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + name;
  }

  private static boolean isJoined(String joined, String prefix, String name) {
    if (prefix.isEmpty()) {
      return joined.equals(name);
    }
    return joined.length() == prefix.length() + name.length()
        && joined.startsWith(prefix)
        && joined.regionMatches(prefix.length(), name, 0, name.length());
  }

  /** Returns how many keys are kept (for tests). */
  int size() {
    int size = 0;
    for (AttributeKey<?> key : slots) {
      if (key != null) {
        size++;
      }
    }
    return size;
  }

  private static AttributeKey<?> create(String name, AttributeType type) {
    switch (type) {
      case STRING:
        return AttributeKey.stringKey(name);
      case BOOLEAN:
        return AttributeKey.booleanKey(name);
      case LONG:
        return AttributeKey.longKey(name);
      default:
        return AttributeKey.doubleKey(name);
    }
  }
}

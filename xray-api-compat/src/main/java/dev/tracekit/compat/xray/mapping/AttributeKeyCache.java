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
  @SuppressWarnings("unchecked")
  AttributeKey<String> stringKey(String name) {
    return (AttributeKey<String>) get(name, AttributeType.STRING);
  }

  /** Returns a key for {@code name} whose value is a boolean. */
  @SuppressWarnings("unchecked")
  AttributeKey<Boolean> booleanKey(String name) {
    return (AttributeKey<Boolean>) get(name, AttributeType.BOOLEAN);
  }

  /** Returns a key for {@code name} whose value is a 64-bit integer. */
  @SuppressWarnings("unchecked")
  AttributeKey<Long> longKey(String name) {
    return (AttributeKey<Long>) get(name, AttributeType.LONG);
  }

  /** Returns a key for {@code name} whose value is a double. */
  @SuppressWarnings("unchecked")
  AttributeKey<Double> doubleKey(String name) {
    return (AttributeKey<Double>) get(name, AttributeType.DOUBLE);
  }

  private AttributeKey<?> get(String name, AttributeType type) {
    if (name.length() > MAX_CACHED_LENGTH) {
      return create(name, type);
    }
    int slot = (name.hashCode() * 31 + type.ordinal()) & (SLOTS - 1);
    AttributeKey<?> key = slots[slot];
    if (key != null && key.getType() == type && key.getKey().equals(name)) {
      return key;
    }
    key = create(name, type);
    slots[slot] = key;
    return key;
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

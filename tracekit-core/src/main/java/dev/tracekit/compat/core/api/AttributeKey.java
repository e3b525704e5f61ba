package dev.tracekit.compat.core.api;

import java.util.List;
import java.util.Objects;

/**
 * A typed attribute name: the key and the type of value it carries. Create one with {@link
 * #stringKey}, {@link #longKey} and the other factories, and keep it in a constant when it is used
 * often.
 *
 * <p>Instances are immutable and compare equal when both name and type are equal.
 *
 * @param <T> the Java type of the value: {@code String}, {@code Boolean}, {@code Long}, {@code
 *     Double}, or a {@code List} of one of these.
 */
public final class AttributeKey<T> {
  private final String key;
  private final AttributeType type;

  private AttributeKey(String key, AttributeType type) {
    this.key = Objects.requireNonNull(key, "key");
    this.type = type;
  }

  /** A key whose value is a string. */
  public static AttributeKey<String> stringKey(String key) {
    return new AttributeKey<>(key, AttributeType.STRING);
  }

  /** A key whose value is a boolean. */
  public static AttributeKey<Boolean> booleanKey(String key) {
    return new AttributeKey<>(key, AttributeType.BOOLEAN);
  }

  /** A key whose value is a 64-bit integer. */
  public static AttributeKey<Long> longKey(String key) {
    return new AttributeKey<>(key, AttributeType.LONG);
  }

  /** A key whose value is a double. */
  public static AttributeKey<Double> doubleKey(String key) {
    return new AttributeKey<>(key, AttributeType.DOUBLE);
  }

  /** A key whose value is a list of strings. */
  public static AttributeKey<List<String>> stringArrayKey(String key) {
    return new AttributeKey<>(key, AttributeType.STRING_ARRAY);
  }

  /** A key whose value is a list of booleans. */
  public static AttributeKey<List<Boolean>> booleanArrayKey(String key) {
    return new AttributeKey<>(key, AttributeType.BOOLEAN_ARRAY);
  }

  /** A key whose value is a list of 64-bit integers. */
  public static AttributeKey<List<Long>> longArrayKey(String key) {
    return new AttributeKey<>(key, AttributeType.LONG_ARRAY);
  }

  /** A key whose value is a list of doubles. */
  public static AttributeKey<List<Double>> doubleArrayKey(String key) {
    return new AttributeKey<>(key, AttributeType.DOUBLE_ARRAY);
  }

  /** Returns the attribute name. */
  public String getKey() {
    return key;
  }

  /** Returns the type of value this key carries. */
  public AttributeType getType() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AttributeKey)) {
      return false;
    }
    AttributeKey<?> that = (AttributeKey<?>) o;
    return key.equals(that.key) && type == that.type;
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + type.hashCode();
  }

  @Override
  public String toString() {
    return key;
  }
}

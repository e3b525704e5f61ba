package dev.tracekit.compat.core.api;

import dev.tracekit.compat.core.internal.AttributeValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * An immutable set of typed attributes, in the order their names were first added. A name appears
 * once: adding it again replaces the value (and the type). Used for event attributes and the
 * resource; spans keep their own bounded map and hand out an {@code Attributes} snapshot.
 *
 * <pre>{@code
 * Attributes attrs = Attributes.builder().put("cache.hit", true).put("items", 3L).build();
 * }</pre>
 */
public final class Attributes {
  private static final Attributes EMPTY = new Attributes(new AttributeKey<?>[0], new Object[0]);

  private final AttributeKey<?>[] keys;
  private final Object[] values;

  private Attributes(AttributeKey<?>[] keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  /** Returns the empty attribute set. */
  public static Attributes empty() {
    return EMPTY;
  }

  /** Returns a set holding one attribute. */
  public static <T> Attributes of(AttributeKey<T> key, T value) {
    return builder().put(key, value).build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the value for {@code key}, or null when the name is absent or has another type. */
  @Nullable
  @SuppressWarnings("unchecked")
  public <T> T get(AttributeKey<T> key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return (T) values[i];
      }
    }
    return null;
  }

  /** Returns the number of attributes. */
  public int size() {
    return keys.length;
  }

  /** Returns true when there are no attributes. */
  public boolean isEmpty() {
    return keys.length == 0;
  }

  /** Calls {@code consumer} with each key and value, in insertion order. */
  public void forEach(BiConsumer<? super AttributeKey<?>, Object> consumer) {
    for (int i = 0; i < keys.length; i++) {
      consumer.accept(keys[i], values[i]);
    }
  }

  /** Returns the attributes as an unmodifiable map in insertion order. */
  public Map<AttributeKey<?>, Object> asMap() {
    Map<AttributeKey<?>, Object> map = new LinkedHashMap<>(keys.length * 2);
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  /** Returns a builder that starts with these attributes. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    forEach(builder::putUnchecked);
    return builder;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Attributes)) {
      return false;
    }
    Attributes that = (Attributes) o;
    return Arrays.equals(keys, that.keys) && Arrays.deepEquals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keys) * 31 + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(keys[i].getKey()).append('=').append(values[i]);
    }
    return sb.append('}').toString();
  }

  /** Builds {@link Attributes}. Not thread-safe. Null keys or values are ignored. */
  public static final class Builder {
    private final List<AttributeKey<?>> keys = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    private Builder() {}

    /** Adds or replaces a typed attribute. */
    public <T> Builder put(AttributeKey<T> key, T value) {
      return putUnchecked(key, value);
    }

    /** Adds or replaces a string attribute. */
    public Builder put(String key, String value) {
      return putUnchecked(AttributeKey.stringKey(key), value);
    }

    /** Adds or replaces a 64-bit integer attribute. */
    public Builder put(String key, long value) {
      return putUnchecked(AttributeKey.longKey(key), value);
    }

    /** Adds or replaces a double attribute. */
    public Builder put(String key, double value) {
      return putUnchecked(AttributeKey.doubleKey(key), value);
    }

    /** Adds or replaces a boolean attribute. */
    public Builder put(String key, boolean value) {
      return putUnchecked(AttributeKey.booleanKey(key), value);
    }

    /** Adds or replaces a string array attribute. */
    public Builder put(String key, String... value) {
      return putUnchecked(AttributeKey.stringArrayKey(key), AttributeValues.listOf(value));
    }

    /** Adds or replaces a 64-bit integer array attribute. */
    public Builder put(String key, long... value) {
      return putUnchecked(AttributeKey.longArrayKey(key), AttributeValues.listOf(value));
    }

    /** Adds or replaces a double array attribute. */
    public Builder put(String key, double... value) {
      return putUnchecked(AttributeKey.doubleArrayKey(key), AttributeValues.listOf(value));
    }

    /** Adds or replaces a boolean array attribute. */
    public Builder put(String key, boolean... value) {
      return putUnchecked(AttributeKey.booleanArrayKey(key), AttributeValues.listOf(value));
    }

    /** Adds every attribute of {@code attributes}, replacing same-named ones. */
    public Builder putAll(Attributes attributes) {
      attributes.forEach(this::putUnchecked);
      return this;
    }

    /** Removes the attribute with this name, whatever its type. */
    public Builder remove(String key) {
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i).getKey().equals(key)) {
          keys.remove(i);
          values.remove(i);
          return this;
        }
      }
      return this;
    }

    Builder putUnchecked(@Nullable AttributeKey<?> key, @Nullable Object value) {
      if (key == null || value == null) {
        return this;
      }
      String name = key.getKey();
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i).getKey().equals(name)) {
          keys.set(i, key);
          values.set(i, value);
          return this;
        }
      }
      keys.add(key);
      values.add(value);
      return this;
    }

    /** Returns the immutable attribute set. */
    public Attributes build() {
      if (keys.isEmpty()) {
        return EMPTY;
      }
      return new Attributes(keys.toArray(new AttributeKey<?>[0]), values.toArray());
    }
  }
}

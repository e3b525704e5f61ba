package dev.tracekit.compat.core.internal;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import javax.annotation.Nullable;

/** Converts Java arrays into the immutable lists that array attributes hold. Not API. */
public final class AttributeValues {
  private AttributeValues() {}

  @Nullable
  public static List<String> listOf(@Nullable String[] values) {
    if (values == null) {
      return null;
    }
    Object[] copy = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i] == null ? "" : values[i];
    }
    return new ValueList<>(copy);
  }

  @Nullable
  public static List<Long> listOf(@Nullable long[] values) {
    if (values == null) {
      return null;
    }
    Object[] copy = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i];
    }
    return new ValueList<>(copy);
  }

  @Nullable
  public static List<Double> listOf(@Nullable double[] values) {
    if (values == null) {
      return null;
    }
    Object[] copy = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i];
    }
    return new ValueList<>(copy);
  }

  @Nullable
  public static List<Boolean> listOf(@Nullable boolean[] values) {
    if (values == null) {
      return null;
    }
    Object[] copy = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i];
    }
    return new ValueList<>(copy);
  }

  /**
   * Returns an immutable list of {@code values}, which it keeps: the caller must not change the
   * array afterwards. No element may be null.
   */
  public static List<String> wrap(String[] values) {
    return new ValueList<>(values);
  }

  /** An immutable list over an array that nothing else changes: one object, no copy. */
  private static final class ValueList<T> extends AbstractList<T> implements RandomAccess {
    private final Object[] elements;

    ValueList(Object[] elements) {
      this.elements = elements;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
      return (T) elements[index];
    }

    @Override
    public int size() {
      return elements.length;
    }
  }
}

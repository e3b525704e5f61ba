package com.amazonaws.xray.strategy.sampling;

import javax.annotation.Nullable;

/** Helpers for the sampling API's value classes: required properties and {@code toString}. */
final class Values {
  private Values() {}

  /** Returns {@code value}, or throws {@code NullPointerException("Null " + name)}. */
  static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new NullPointerException("Null " + name);
    }
    return value;
  }

  /** Returns {@code Type{name=value, …}}. */
  static String toString(String type, String[] names, Object[] values) {
    StringBuilder s = new StringBuilder(type).append('{');
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(names[i]).append('=').append(values[i]);
    }
    return s.append('}').toString();
  }
}

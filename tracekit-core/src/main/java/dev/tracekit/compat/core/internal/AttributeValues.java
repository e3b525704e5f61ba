package dev.tracekit.compat.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/** Converts Java arrays into the immutable lists that array attributes hold. Not API. */
public final class AttributeValues {
  private AttributeValues() {}

  @Nullable
  public static List<String> listOf(@Nullable String[] values) {
    if (values == null) {
      return null;
    }
    List<String> list = new ArrayList<>(values.length);
    for (String v : values) {
      list.add(v == null ? "" : v);
    }
    return Collections.unmodifiableList(list);
  }

  @Nullable
  public static List<Long> listOf(@Nullable long[] values) {
    if (values == null) {
      return null;
    }
    List<Long> list = new ArrayList<>(values.length);
    for (long v : values) {
      list.add(v);
    }
    return Collections.unmodifiableList(list);
  }

  @Nullable
  public static List<Double> listOf(@Nullable double[] values) {
    if (values == null) {
      return null;
    }
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return Collections.unmodifiableList(list);
  }

  @Nullable
  public static List<Boolean> listOf(@Nullable boolean[] values) {
    if (values == null) {
      return null;
    }
    List<Boolean> list = new ArrayList<>(values.length);
    for (boolean v : values) {
      list.add(v);
    }
    return Collections.unmodifiableList(list);
  }
}

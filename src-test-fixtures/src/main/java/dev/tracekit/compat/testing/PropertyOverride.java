package dev.tracekit.compat.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * System properties set for a while: {@link #close()} puts back the values they had before (or
 * clears them if they had none). Use with try-with-resources; closing twice does nothing more.
 * Not thread-safe, as system properties are global: tests that use it must not run in parallel
 * with tests that read the same properties.
 */
public final class PropertyOverride implements AutoCloseable {
  private final Map<String, String> previous;
  private boolean closed;

  private PropertyOverride(Map<String, String> previous) {
    this.previous = previous;
  }

  /** Sets {@code key} to {@code value}, remembering the previous value. */
  public static PropertyOverride set(String key, String value) {
    return set(Collections.singletonMap(key, value));
  }

  /** Sets every property of {@code values}, remembering the previous values. */
  public static PropertyOverride set(Map<String, String> values) {
    Map<String, String> previous = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "key");
      previous.put(key, System.getProperty(key));
      System.setProperty(key, Objects.requireNonNull(e.getValue(), "value of " + key));
    }
    return new PropertyOverride(previous);
  }

  /** Restores the previous values. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Map.Entry<String, String> e : previous.entrySet()) {
      restore(e.getKey(), e.getValue());
    }
  }

  private static void restore(String key, @Nullable String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Override
  public String toString() {
    return "PropertyOverride" + previous.keySet();
  }
}

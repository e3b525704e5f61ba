package dev.tracekit.compat.xray;

import com.fasterxml.jackson.databind.PropertyNamingStrategy;

/**
 * Jackson members that moved between the Jackson 2 versions the shim runs on, from 2.8 (what
 * Spring Boot 1.5 apps carry) to the newest 2.x, found once by reflection so that one jar links
 * against all of them. The shim uses the app's own Jackson and never asks for a newer one; every
 * other Jackson call it makes exists in all those versions, which {@code JacksonLinkageTest}
 * checks on the compiled classes. Not API.
 */
public final class JacksonNames {
  /**
   * Jackson's snake_case naming, as X-Ray's documents use it: {@code
   * PropertyNamingStrategies.SNAKE_CASE} from Jackson 2.12 on (2.20 removed the older constant),
   * {@code PropertyNamingStrategy.SNAKE_CASE} before.
   */
  public static final PropertyNamingStrategy SNAKE_CASE = snakeCase();

  private JacksonNames() {}

  private static PropertyNamingStrategy snakeCase() {
    String[] holders = {
      "com.fasterxml.jackson.databind.PropertyNamingStrategies",
      "com.fasterxml.jackson.databind.PropertyNamingStrategy"
    };
    for (String holder : holders) {
      try {
        Class<?> type = Class.forName(holder, true, PropertyNamingStrategy.class.getClassLoader());
        return (PropertyNamingStrategy) type.getField("SNAKE_CASE").get(null);
      } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
        // Not this version's name: try the next.
      }
    }
    throw new IllegalStateException(
        "This Jackson (" + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION
            + ") has neither PropertyNamingStrategies.SNAKE_CASE nor PropertyNamingStrategy.SNAKE_CASE");
  }
}

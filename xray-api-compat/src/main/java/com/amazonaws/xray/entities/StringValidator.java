package com.amazonaws.xray.entities;

import javax.annotation.Nullable;

/** Null-or-blank checks used across the X-Ray API. */
@Deprecated
public class StringValidator {

  /** Returns true when {@code string} is neither null nor only whitespace. */
  public static boolean isNotNullOrBlank(@Nullable String string) {
    if (string == null) {
      return false;
    }
    // What trim() would leave something of, without making the trimmed copy.
    for (int i = 0; i < string.length(); i++) {
      if (string.charAt(i) > ' ') {
        return true;
      }
    }
    return false;
  }

  /** Returns true when {@code string} is null or only whitespace. */
  public static boolean isNullOrBlank(@Nullable String string) {
    return !isNotNullOrBlank(string);
  }

  /**
   * Throws a {@link RuntimeException} with {@code validationErrorMessage} when {@code string} is null
   * or blank.
   */
  public static void throwIfNullOrBlank(@Nullable String string, String validationErrorMessage) {
    if (isNullOrBlank(string)) {
      throw new RuntimeException(validationErrorMessage);
    }
  }
}

package dev.tracekit.compat.core.internal;

import javax.annotation.Nullable;

/** Text bound for a log line, cut so that one odd value cannot flood a log. Not API. */
public final class LogText {
  /** How many characters of a value a log line shows. */
  public static final int MAX_CHARS = 200;

  private LogText() {}

  /** Returns {@code text} cut to {@value #MAX_CHARS} characters, saying how long it was. */
  public static String cut(@Nullable String text) {
    if (text == null || text.length() <= MAX_CHARS) {
      return String.valueOf(text);
    }
    return text.substring(0, MAX_CHARS) + "… (" + text.length() + " chars)";
  }
}

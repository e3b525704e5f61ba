package com.amazonaws.xray.entities;

import javax.annotation.Nullable;

/**
 * Glob matching as X-Ray sampling rules use it: {@code *} matches any run of characters, {@code ?}
 * exactly one. Matching is case-insensitive unless asked otherwise. A null pattern or text never
 * matches.
 */
@Deprecated
public class SearchPattern {

  /** Case-insensitive match of {@code text} against {@code pattern}. */
  public static boolean wildcardMatch(@Nullable String pattern, @Nullable String text) {
    return wildcardMatch(pattern, text, true);
  }

  /**
   * Matches {@code text} against {@code pattern}, ignoring case when {@code caseInsensitive}. An
   * empty pattern matches only empty text.
   */
  public static boolean wildcardMatch(
      @Nullable String pattern, @Nullable String text, boolean caseInsensitive) {
    if (pattern == null || text == null) {
      return false;
    }
    if (caseInsensitive) {
      pattern = pattern.toLowerCase(java.util.Locale.ROOT);
      text = text.toLowerCase(java.util.Locale.ROOT);
    }
    // Iterative glob match with backtracking to the last '*': linear in practice, no recursion.
    int p = 0;
    int t = 0;
    int starPattern = -1;
    int starText = -1;
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        starPattern = p++;
        starText = t;
      } else if (starPattern >= 0) {
        p = starPattern + 1;
        t = ++starText;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}

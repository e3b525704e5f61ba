package dev.tracekit.compat.core.internal;

/** Lowercase hex encoding of ids. Not API. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Writes {@code value} as 16 lowercase hex chars into {@code dest} at {@code offset}. */
  public static void appendLong(long value, char[] dest, int offset) {
    for (int i = 15; i >= 0; i--) {
      dest[offset + i] = DIGITS[(int) (value & 0xF)];
      value >>>= 4;
    }
  }

  /** Returns {@code value} as 16 lowercase hex chars. */
  public static String fromLong(long value) {
    char[] chars = new char[16];
    appendLong(value, chars, 0);
    return new String(chars);
  }

  /** Returns the 32 lowercase hex chars of the 128-bit value {@code high}:{@code low}. */
  public static String fromLongs(long high, long low) {
    char[] chars = new char[32];
    appendLong(high, chars, 0);
    appendLong(low, chars, 16);
    return new String(chars);
  }

  /** Returns true when {@code s} has exactly {@code length} hex digits (either case). */
  public static boolean isHex(CharSequence s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (digit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns true when the chars {@code s[from, to)} are all hex digits (either case). */
  public static boolean isHex(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (digit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses the hex chars {@code s[from, to)} (at most 16). The caller checks them first with
   * {@link #isHex(CharSequence, int, int)}.
   */
  public static long toLong(CharSequence s, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      value = (value << 4) | digit(s.charAt(i));
    }
    return value;
  }

  /**
   * Parses 16 hex chars of {@code s} starting at {@code offset}. The caller checks them first with
   * {@link #isHex}.
   */
  public static long toLong(CharSequence s, int offset) {
    long value = 0;
    for (int i = 0; i < 16; i++) {
      value = (value << 4) | digit(s.charAt(offset + i));
    }
    return value;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}

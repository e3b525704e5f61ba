package dev.tracekit.compat.core;

/**
 * What may be sent as an HTTP header value: visible ASCII, and spaces inside a value that is not a
 * token (what OkHttp accepts).
 */
final class HeaderValues {
  private HeaderValues() {}

  /**
   * Returns the index of the first character that cannot be sent, or -1 when all can; a space counts
   * as sendable when {@code spaces} is true.
   */
  static int firstUnsendable(String value, boolean spaces) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x21 && !(spaces && c == ' ')) || c > 0x7e) {
        return i;
      }
    }
    return -1;
  }
}

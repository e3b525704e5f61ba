package dev.tracekit.compat.core.export;

import java.io.IOException;

/**
 * The encoded form of strings that repeat within a request body — attribute keys, span names — so
 * that each is encoded once per request and copied after that. Bounded: {@value #SLOTS} strings of
 * at most {@value #MAX_LENGTH} chars, a string taking its slot from the one before; a string is
 * encoded into the cache only when it comes back to its slot, so strings seen once cost no
 * allocation. One per request body; not thread-safe.
 */
final class RepeatedStrings {
  static final int SLOTS = 64;
  static final int MAX_LENGTH = 64;

  private final String[] strings = new String[SLOTS];
  private final byte[][] encoded = new byte[SLOTS][];

  /** Writes {@code s} to {@code bytes} as a quoted JSON string, as {@link JsonBytes#writeString}. */
  void write(JsonBytes bytes, String s) throws IOException {
    if (s.length() > MAX_LENGTH) {
      bytes.writeString(s);
      return;
    }
    int slot = s.hashCode() & (SLOTS - 1);
    String kept = strings[slot];
    if (kept != s && !s.equals(kept)) {
      strings[slot] = s;
      encoded[slot] = null;
      bytes.writeString(s);
    } else if (encoded[slot] != null) {
      bytes.write(encoded[slot]);
    } else {
      encoded[slot] = bytes.writeStringCopy(s);
    }
  }

  /** Returns how many strings are kept encoded (for tests). */
  int encodedCount() {
    int count = 0;
    for (byte[] e : encoded) {
      if (e != null) {
        count++;
      }
    }
    return count;
  }
}

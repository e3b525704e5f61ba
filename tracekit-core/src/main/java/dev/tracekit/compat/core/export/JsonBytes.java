package dev.tracekit.compat.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte level of {@link ProtoJsonWriter}: a buffer flushed to an output stream, and the
 * encodings it writes straight into it — JSON strings as UTF-8 (the JSON escapes, characters
 * outside the BMP as 4 bytes, lone surrogates as U+FFFD), hex ids, decimal integers, each after
 * the comma or field name the caller passes. Nothing here knows JSON's structure. Not thread-safe.
 */
final class JsonBytes {
  private static final byte[] HEX = ascii("0123456789abcdef");
  private static final byte[] NO_BYTES = new byte[0];
  private static final byte[] DIGIT_TENS = new byte[100];
  private static final byte[] DIGIT_ONES = new byte[100];
  // The two hex digits of each byte value, at 2 * value.
  private static final byte[] HEX_PAIRS = new byte[512];
  private static final long BILLION = 1_000_000_000L;
  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };
  private static final int BUFFER_SIZE = 8192;
  // The most bytes one char can take: an escape such as \u001f.
  private static final int MAX_BYTES_PER_CHAR = 6;

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_TENS[i] = (byte) ('0' + i / 10);
      DIGIT_ONES[i] = (byte) ('0' + i % 10);
    }
    for (int i = 0; i < 256; i++) {
      HEX_PAIRS[2 * i] = HEX[i >> 4];
      HEX_PAIRS[2 * i + 1] = HEX[i & 0xF];
    }
  }

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;
  // The digits of the last value / 10^9 that digits(long) wrote (at most 10: Long.MAX_VALUE's).
  private long lastHigh = -1;
  private final byte[] lastHighDigits = new byte[10];
  private int lastHighLength;
  // The last pair of ids written together (a trace id) and its digits; at first, zeros.
  private long lastFirst;
  private long lastSecond;
  private final byte[] lastPairHex = ascii("00000000000000000000000000000000");

  JsonBytes(OutputStream out) {
    this.out = out;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes what is buffered to the output stream (which it does not flush or close). */
  void flush() throws IOException {
    if (position > 0) {
      out.write(buffer, 0, position);
      position = 0;
    }
  }

  /** Writes one ASCII char. */
  void write(char c) throws IOException {
    ensure(1);
    buffer[position++] = (byte) c;
  }

  /** Writes one ASCII char, after a comma when {@code comma}. */
  void write(boolean comma, char c) throws IOException {
    ensure(2);
    if (comma) {
      buffer[position++] = ',';
    }
    buffer[position++] = (byte) c;
  }

  /** Writes bytes as they are, after a comma when {@code comma}. */
  void write(boolean comma, byte[] bytes) throws IOException {
    if (bytes.length >= buffer.length - position) {
      if (comma) {
        write(',');
      }
      write(bytes);
      return;
    }
    int p = position;
    if (comma) {
      buffer[p++] = ',';
    }
    System.arraycopy(bytes, 0, buffer, p, bytes.length);
    position = p + bytes.length;
  }

  /** Writes bytes as they are. */
  void write(byte[] bytes) throws IOException {
    if (bytes.length > buffer.length - position) {
      flush();
      if (bytes.length > buffer.length) {
        out.write(bytes);
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, position, bytes.length);
    position += bytes.length;
  }

  /** Writes ASCII text that needs no escaping. */
  void writeAscii(String text) throws IOException {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      buffer[position++] = (byte) text.charAt(i);
    }
  }

  /** Writes {@code s} as a quoted JSON string in UTF-8, lone surrogates as U+FFFD. */
  void writeString(String s) throws IOException {
    ensure(2);
    buffer[position++] = '"';
    int length = s.length();
    int i = 0;
    while (i < length) {
      // Encode as much as surely fits, then make room for the rest.
      int end = Math.min(length, i + (buffer.length - position - 1) / MAX_BYTES_PER_CHAR);
      if (end <= i) {
        flush();
        continue;
      }
      i = encode(s, i, end);
    }
    ensure(1);
    buffer[position++] = '"';
  }

  /** Writes {@code s} as {@link #writeString} does and returns a copy of what it wrote. */
  byte[] writeStringCopy(String s) throws IOException {
    // Room for all of it: nothing is flushed before the copy.
    ensure(2 + MAX_BYTES_PER_CHAR * s.length());
    int start = position;
    writeString(s);
    return Arrays.copyOfRange(buffer, start, position);
  }

  /** Writes ids as quoted lowercase hex: 16 digits per long. */
  void writeQuotedHex(long first, long second, boolean both) throws IOException {
    writeQuotedHex(false, NO_BYTES, first, second, both);
  }

  /**
   * Writes a comma when {@code comma}, {@code prefix} (a field name) and ids as quoted lowercase
   * hex: 16 digits per long.
   */
  void writeQuotedHex(boolean comma, byte[] prefix, long first, long second, boolean both)
      throws IOException {
    prefix(comma, prefix, 34);
    buffer[position++] = '"';
    if (!both) {
      hex(first);
    } else if (first == lastFirst && second == lastSecond) {
      // The spans of a trace mostly come together: their trace id is copied.
      System.arraycopy(lastPairHex, 0, buffer, position, 32);
      position += 32;
    } else {
      hex(first);
      hex(second);
      lastFirst = first;
      lastSecond = second;
      System.arraycopy(buffer, position - 32, lastPairHex, 0, 32);
    }
    buffer[position++] = '"';
  }

  /** Writes {@code value} as a quoted decimal string (proto3 JSON's int64). */
  void writeQuotedDecimal(long value) throws IOException {
    writeQuotedDecimal(false, NO_BYTES, value);
  }

  /**
   * Writes a comma when {@code comma}, {@code prefix} (a field name) and {@code value} as a quoted
   * decimal string (proto3 JSON's int64).
   */
  void writeQuotedDecimal(boolean comma, byte[] prefix, long value) throws IOException {
    prefix(comma, prefix, 22);
    buffer[position++] = '"';
    if (value < 0) {
      buffer[position++] = '-';
      if (value == Long.MIN_VALUE) {
        writeAscii("9223372036854775808");
      } else {
        digits(-value);
      }
    } else {
      digits(value);
    }
    buffer[position++] = '"';
  }

  /** Writes {@code value} (not negative) as a decimal number. */
  void writeDecimal(long value) throws IOException {
    writeDecimal(false, NO_BYTES, value);
  }

  /**
   * Writes a comma when {@code comma}, {@code prefix} (a field name) and {@code value} (not
   * negative) as a decimal number.
   */
  void writeDecimal(boolean comma, byte[] prefix, long value) throws IOException {
    prefix(comma, prefix, 20);
    digits(value);
  }

  /** Writes a comma when {@code comma} and {@code prefix}, leaving room for {@code more} bytes. */
  private void prefix(boolean comma, byte[] prefix, int more) throws IOException {
    write(comma, prefix);
    ensure(more);
  }

  private void ensure(int bytes) throws IOException {
    if (buffer.length - position < bytes) {
      flush();
    }
  }

  /**
   * Encodes chars {@code from} to {@code to} of {@code s} (a pair split at {@code to} is taken
   * whole: room is kept for it) and returns where it stopped.
   */
  private int encode(String s, int from, int to) {
    byte[] b = buffer;
    int p = position;
    int i = from;
    while (i < to) {
      char c = s.charAt(i++);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          b[p++] = (byte) c;
        } else {
          p = escape(c, b, p);
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i < s.length() && Character.isLowSurrogate(s.charAt(i))) {
        int codePoint = Character.toCodePoint(c, s.charAt(i++));
        b[p++] = (byte) (0xF0 | (codePoint >> 18));
        b[p++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (codePoint & 0x3F));
      } else {
        // A lone surrogate: U+FFFD.
        b[p++] = (byte) 0xEF;
        b[p++] = (byte) 0xBF;
        b[p++] = (byte) 0xBD;
      }
    }
    position = p;
    return i;
  }

  private static int escape(char c, byte[] b, int p) {
    b[p++] = '\\';
    switch (c) {
      case '"':
        b[p++] = '"';
        return p;
      case '\\':
        b[p++] = '\\';
        return p;
      case '\n':
        b[p++] = 'n';
        return p;
      case '\r':
        b[p++] = 'r';
        return p;
      case '\t':
        b[p++] = 't';
        return p;
      case '\b':
        b[p++] = 'b';
        return p;
      case '\f':
        b[p++] = 'f';
        return p;
      default:
        b[p++] = 'u';
        b[p++] = '0';
        b[p++] = '0';
        b[p++] = HEX[c >> 4];
        b[p++] = HEX[c & 0xF];
        return p;
    }
  }

  private void hex(long value) {
    // A byte at a time: its two digits from the table.
    byte[] b = buffer;
    int p = position;
    for (int shift = 56; shift >= 0; shift -= 8) {
      int i = ((int) (value >>> shift) & 0xFF) << 1;
      b[p++] = HEX_PAIRS[i];
      b[p++] = HEX_PAIRS[i + 1];
    }
    position = p;
  }

  /** Writes the decimal digits of {@code value} (not negative); the caller made room for 19. */
  private void digits(long value) {
    // In int chunks of nine digits: int division is cheaper than long division. Epoch nanoseconds
    // are 19 digits: the digits of the seconds, which the timestamps of a request mostly share,
    // are kept for the next one.
    if (value < BILLION) {
      digits((int) value);
      return;
    }
    long high = value / BILLION;
    int low = (int) (value - high * BILLION);
    if (high == lastHigh) {
      System.arraycopy(lastHighDigits, 0, buffer, position, lastHighLength);
      position += lastHighLength;
    } else {
      int start = position;
      if (high < BILLION) {
        digits((int) high);
      } else {
        long top = high / BILLION;
        digits((int) top);
        nineDigits((int) (high - top * BILLION));
      }
      lastHigh = high;
      lastHighLength = position - start;
      System.arraycopy(buffer, start, lastHighDigits, 0, lastHighLength);
    }
    nineDigits(low);
  }

  /** Writes the decimal digits of {@code value}, not negative. */
  private void digits(int value) {
    int count = 1;
    while (count < 10 && value >= POWERS_OF_TEN[count]) {
      count++;
    }
    position = fillDigits(value, position + count);
  }

  /** Writes {@code value}, below one billion, as exactly nine digits (leading zeros). */
  private void nineDigits(int value) {
    position = fillDigits(value, position + 9);
  }

  /**
   * Fills the buffer from {@code end} down to the current position with the digits of {@code
   * value}, zeros where it has none; returns {@code end}.
   */
  private int fillDigits(int value, int end) {
    byte[] b = buffer;
    int p = end;
    int start = position;
    while (p - start >= 2) {
      int q = value / 100;
      int pair = value - q * 100;
      value = q;
      b[--p] = DIGIT_ONES[pair];
      b[--p] = DIGIT_TENS[pair];
    }
    if (p > start) {
      b[--p] = (byte) ('0' + value);
    }
    return end;
  }
}

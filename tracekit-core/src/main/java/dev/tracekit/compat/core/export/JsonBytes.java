package dev.tracekit.compat.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The byte level of {@link ProtoJsonWriter}: a buffer flushed to an output stream, and the
 * encodings it writes straight into it — JSON strings as UTF-8 (the JSON escapes, characters
 * outside the BMP as 4 bytes, lone surrogates as U+FFFD), hex ids, decimal integers. Nothing here
 * knows JSON's structure. Not thread-safe.
 */
final class JsonBytes {
  private static final byte[] HEX = ascii("0123456789abcdef");
  private static final byte[] DIGIT_TENS = new byte[100];
  private static final byte[] DIGIT_ONES = new byte[100];
  private static final int BUFFER_SIZE = 8192;
  // The most bytes one char can take: an escape such as \u001f.
  private static final int MAX_BYTES_PER_CHAR = 6;

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_TENS[i] = (byte) ('0' + i / 10);
      DIGIT_ONES[i] = (byte) ('0' + i % 10);
    }
  }

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private final byte[] scratch = new byte[20];
  private int position;

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

  /** Writes ids as quoted lowercase hex: 16 digits per long. */
  void writeQuotedHex(long first, long second, boolean both) throws IOException {
    ensure(34);
    buffer[position++] = '"';
    hex(first);
    if (both) {
      hex(second);
    }
    buffer[position++] = '"';
  }

  /** Writes {@code value} as a quoted decimal string (proto3 JSON's int64). */
  void writeQuotedDecimal(long value) throws IOException {
    ensure(22);
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
    ensure(20);
    digits(value);
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
    byte[] b = buffer;
    int end = position + 16;
    for (int p = end - 1; p >= position; p--) {
      b[p] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    position = end;
  }

  /** Writes the decimal digits of {@code value} (not negative); the caller made room for 20. */
  private void digits(long value) {
    // Two digits per division, right to left into the scratch array, then copied.
    byte[] d = scratch;
    int p = d.length;
    while (value >= 100) {
      int pair = (int) (value % 100);
      value /= 100;
      d[--p] = DIGIT_ONES[pair];
      d[--p] = DIGIT_TENS[pair];
    }
    int last = (int) value;
    d[--p] = DIGIT_ONES[last];
    if (last >= 10) {
      d[--p] = DIGIT_TENS[last];
    }
    int count = d.length - p;
    System.arraycopy(d, p, buffer, position, count);
    position += count;
  }
}

package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
  private static final JsonFactory JSON = new JsonFactory();
  // One char of each encoded width, escapes, a surrogate pair and lone surrogates.
  private static final String[] PIECES = {
    "a", "\"", "\\", "\n", "\u0001", "\u007f", "é", "漢", "\uD83D\uDE00", "\uD800", "\uDC00", " "
  };

  @Test
  void stringsOfEveryLengthAroundTheBufferSizeSurviveAsWellFormedUtf8() throws IOException {
    Random random = new Random(42);
    for (int length = 8150; length < 8230; length++) {
      for (int prefix : new int[] {0, 1, 5, 8000, 8190}) {
        String text = randomText(random, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonBytes bytes = new JsonBytes(out);
        bytes.writeAscii(repeat('x', prefix));
        bytes.write(',');
        bytes.writeString(text);
        bytes.flush();

        byte[] written = out.toByteArray();
        // Strict UTF-8: a malformed sequence throws instead of becoming U+FFFD.
        String text8 =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(written))
                .toString();
        assertThat(text8).startsWith(repeat('x', prefix) + ",\"");
        try (JsonParser parser = JSON.createParser(written, prefix + 1, written.length - prefix - 1)) {
          assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
          assertThat(parser.getText()).isEqualTo(ProtoJsonWriter.wellFormed(text));
        }
      }
    }
  }

  @Test
  void decimalsAndHexIdsAreExact() throws IOException {
    long[] values = {0, 9, 10, 99, 100, 101, 1_000_000_007L, Long.MAX_VALUE, -1, -10, Long.MIN_VALUE};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonBytes bytes = new JsonBytes(out);
    for (long value : values) {
      bytes.writeQuotedDecimal(value);
      if (value >= 0) {
        bytes.writeDecimal(value);
      }
      bytes.write(' ');
    }
    bytes.writeQuotedHex(0x0123456789abcdefL, -1L, true);
    bytes.writeQuotedHex(0xfL, 0, false);
    bytes.flush();

    StringBuilder expected = new StringBuilder();
    for (long value : values) {
      expected.append('"').append(value).append('"');
      if (value >= 0) {
        expected.append(value);
      }
      expected.append(' ');
    }
    expected.append("\"0123456789abcdefffffffffffffffff\"\"000000000000000f\"");
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII))
        .isEqualTo(expected.toString());
  }

  @Test
  void decimalsMatchLongToString() throws IOException {
    List<Long> values = new ArrayList<>();
    long[] edges = {
      0, 1, 9, 10, 99, 100, 101, 999, 1000, 99_999_999, 999_999_999, 1_000_000_000,
      1_000_000_001, 4_294_967_295L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
      1_000_000_000_999_999_999L, Long.MAX_VALUE, -1, -9, -10, -999_999_999, -1_000_000_000,
      -1_000_000_000_000_000_000L, Long.MIN_VALUE + 1, Long.MIN_VALUE
    };
    for (long edge : edges) {
      values.add(edge);
    }
    Random random = new Random(42);
    for (int i = 0; i < 3000; i++) {
      values.add(random.nextLong());
      values.add(random.nextLong() >>> random.nextInt(64));
    }
    // Epoch nanoseconds: runs that share their seconds, and some that do not.
    long now = 1_764_078_872_123_456_789L;
    for (int i = 0; i < 3000; i++) {
      now += random.nextInt(3) == 0 ? random.nextInt(2_000_000_000) : random.nextInt(1000);
      values.add(now);
      if (i % 7 == 0) {
        values.add((long) random.nextInt(1000));
      }
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonBytes bytes = new JsonBytes(out);
    StringBuilder expected = new StringBuilder();
    for (long value : values) {
      bytes.writeQuotedDecimal(value);
      expected.append('"').append(Long.toString(value)).append('"');
      if (value >= 0) {
        bytes.writeDecimal(value);
        expected.append(Long.toString(value));
      }
      bytes.write(' ');
      expected.append(' ');
    }
    bytes.flush();

    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII))
        .isEqualTo(expected.toString());
  }

  @Test
  void hexIdsMatchStringFormat() throws IOException {
    Random random = new Random(42);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonBytes bytes = new JsonBytes(out);
    StringBuilder expected = new StringBuilder();
    long[] edges = {0, 1, 0xf, 0x10, 0xff, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL};
    long first = 0;
    long second = 0;
    for (int i = 0; i < 3000 + edges.length; i++) {
      // The all-zero pair first; then pairs that repeat now and then (a trace's spans).
      if (i > 0 && random.nextInt(3) != 0) {
        first = i < edges.length ? edges[i] : random.nextLong();
        second = i < edges.length ? edges[edges.length - 1 - i] : random.nextLong();
      }
      bytes.writeQuotedHex(first, second, true);
      bytes.writeQuotedHex(second, 0, false);
      expected
          .append('"').append(String.format("%016x%016x", first, second)).append('"')
          .append('"').append(String.format("%016x", second)).append('"');
    }
    bytes.flush();

    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII))
        .isEqualTo(expected.toString());
  }

  @Test
  void fieldsAfterACommaSurviveTheBufferEdge() throws IOException {
    for (int prefix = 8192 - 50; prefix <= 8192; prefix++) {
      for (int length = 0; length < 45; length++) {
        for (boolean comma : new boolean[] {false, true}) {
          assertWrittenAfter(prefix, comma, repeat('n', length));
        }
      }
    }
    // Larger than the whole buffer.
    assertWrittenAfter(10, true, repeat('n', 8192));
    assertWrittenAfter(8191, false, repeat('n', 9000));
  }

  private static void assertWrittenAfter(int prefix, boolean comma, String text)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonBytes bytes = new JsonBytes(out);
    bytes.writeAscii(repeat('x', prefix));
    bytes.write(comma, JsonBytes.ascii(text));
    bytes.write(comma, '{');
    bytes.writeQuotedHex(comma, JsonBytes.ascii(text), 0xabL, 0xcdL, true);
    bytes.writeQuotedDecimal(comma, JsonBytes.ascii(text), -42);
    bytes.writeDecimal(comma, JsonBytes.ascii(text), 42);
    bytes.flush();

    String separator = comma ? "," : "";
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII))
        .isEqualTo(
            repeat('x', prefix) + separator + text + separator + "{"
                + separator + text + "\"00000000000000ab00000000000000cd\""
                + separator + text + "\"-42\""
                + separator + text + "42");
  }

  private static String randomText(Random random, int length) {
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static String repeat(char c, int count) {
    StringBuilder sb = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      sb.append(c);
    }
    return sb.toString();
  }
}

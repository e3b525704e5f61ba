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
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
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

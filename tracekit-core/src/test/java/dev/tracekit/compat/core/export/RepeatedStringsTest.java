package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RepeatedStringsTest {
  // One char of each encoded width, escapes, a surrogate pair and lone surrogates.
  private static final String[] PIECES = {
    "a", "\"", "\\", "\n", "\u0001", "\u007f", "é", "漢", "\uD83D\uDE00", "\uD800", "\uDC00", " "
  };

  @Test
  void repeatedAndNewStringsAreWrittenAsJsonBytesWritesThem() throws IOException {
    Random random = new Random(42);
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Mostly short (cached), some right at and beyond the cached length.
      int length =
          i % 10 == 0 ? RepeatedStrings.MAX_LENGTH + random.nextInt(3) - 1 : random.nextInt(20);
      pool.add(randomText(random, length));
    }
    ByteArrayOutputStream cachedOut = new ByteArrayOutputStream();
    ByteArrayOutputStream plainOut = new ByteArrayOutputStream();
    JsonBytes cached = new JsonBytes(cachedOut);
    JsonBytes plain = new JsonBytes(plainOut);
    RepeatedStrings repeated = new RepeatedStrings();
    // Far more than one buffer of output: copies from the cache cross its edge too.
    for (int i = 0; i < 20_000; i++) {
      String s =
          random.nextInt(4) == 0
              ? randomText(random, random.nextInt(30))
              : pool.get(random.nextInt(pool.size()));
      // A distinct but equal instance now and then: the cache matches by content.
      String written = random.nextBoolean() ? s : new String(s);
      repeated.write(cached, written);
      plain.writeString(written);
    }
    cached.flush();
    plain.flush();

    assertThat(cachedOut.toByteArray()).isEqualTo(plainOut.toByteArray());
    assertThat(repeated.encodedCount()).isPositive();
  }

  @Test
  void keepsAtMostItsSlotsAndNothingForStringsSeenOnce() throws IOException {
    JsonBytes bytes = new JsonBytes(new ByteArrayOutputStream());
    RepeatedStrings repeated = new RepeatedStrings();
    for (int i = 0; i < 10 * RepeatedStrings.SLOTS; i++) {
      repeated.write(bytes, "once-" + i);
    }
    assertThat(repeated.encodedCount()).isZero();

    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 10 * RepeatedStrings.SLOTS; i++) {
        repeated.write(bytes, "key-" + (i % (2 * RepeatedStrings.SLOTS)));
      }
    }
    assertThat(repeated.encodedCount()).isBetween(1, RepeatedStrings.SLOTS);
  }

  @Test
  void longStringsAreNotKept() throws IOException {
    JsonBytes bytes = new JsonBytes(new ByteArrayOutputStream());
    RepeatedStrings repeated = new RepeatedStrings();
    String longest = randomText(new Random(42), RepeatedStrings.MAX_LENGTH);
    String tooLong = longest + "k";
    for (int i = 0; i < 3; i++) {
      repeated.write(bytes, tooLong);
    }
    assertThat(repeated.encodedCount()).isZero();

    repeated.write(bytes, longest);
    repeated.write(bytes, longest);
    assertThat(repeated.encodedCount()).isOne();
  }

  private static String randomText(Random random, int length) {
    StringBuilder sb = new StringBuilder(length);
    boolean ascii = random.nextBoolean();
    while (sb.length() < length) {
      sb.append(ascii ? "k" : PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }
}

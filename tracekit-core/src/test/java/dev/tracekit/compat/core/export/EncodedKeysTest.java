package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The cache of encoded attribute names: each name's field is exactly what the writer would write
 * for the string, a cached name is encoded once, names sharing a slot or too long to cache still
 * come out right, and threads sharing the cache never see a wrong field.
 */
class EncodedKeysTest {
  private static final int KEY = ProtoBytes.tag(1, ProtoBytes.LEN);

  @Test
  void aFieldIsTheTagTheLengthAndTheUtf8Bytes() throws IOException {
    EncodedKeys keys = new EncodedKeys(KEY);
    for (String name : new String[] {"", "a", "http.request.method", "é 漢字 \uD83D\uDE00", "lone\uD800"}) {
      assertThat(keys.field(name)).as(name).isEqualTo(written(name));
    }
  }

  @Test
  void aNameIsEncodedOnceAndKept() {
    EncodedKeys keys = new EncodedKeys(KEY);
    byte[] first = keys.field("aws.xray.annotations");

    assertThat(keys.field(new String("aws.xray.annotations"))).isSameAs(first);
  }

  @Test
  void namesOfOneSlotReplaceEachOtherAndStayRight() throws IOException {
    // "Aa" and "BB" have the same hash, so the same slot.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    EncodedKeys keys = new EncodedKeys(KEY);
    for (int round = 0; round < 3; round++) {
      assertThat(keys.field("Aa")).isEqualTo(written("Aa"));
      assertThat(keys.field("BB")).isEqualTo(written("BB"));
    }
  }

  @Test
  void aNameTooLongToKeepIsEncodedEachTime() throws IOException {
    char[] chars = new char[EncodedKeys.MAX_CACHED_LENGTH + 1];
    java.util.Arrays.fill(chars, 'k');
    String name = new String(chars);
    EncodedKeys keys = new EncodedKeys(KEY);

    byte[] first = keys.field(name);
    assertThat(first).isEqualTo(written(name));
    assertThat(keys.field(name)).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void threadsSharingTheCacheAlwaysGetTheRightField() throws Exception {
    EncodedKeys keys = new EncodedKeys(KEY);
    List<String> names = new ArrayList<>();
    java.util.Map<String, byte[]> expected = new java.util.HashMap<>();
    for (int i = 0; i < 4 * EncodedKeys.SLOTS; i++) {
      names.add("attribute." + i);
      expected.put(names.get(i), written(names.get(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        List<String> order = new ArrayList<>(names);
        Collections.shuffle(order, new java.util.Random(t));
        results.add(pool.submit(() -> {
          int wrong = 0;
          for (int round = 0; round < 20; round++) {
            for (String name : order) {
              if (!java.util.Arrays.equals(keys.field(name), expected.get(name))) {
                wrong++;
              }
            }
          }
          return wrong;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void varintSizesMatchWhatIsWritten() throws IOException {
    long[] values = {0, 1, 127, 128, 16_383, 16_384, (1L << 21) - 1, 1L << 21, (1L << 35) - 1,
        1L << 35, Long.MAX_VALUE, -1, Long.MIN_VALUE};
    for (long value : values) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ProtoBytes bytes = new ProtoBytes(out);
      bytes.writeVarint(value);
      bytes.flush();
      assertThat(ProtoBytes.varintSize(value)).as("size of %d", value).isEqualTo(out.size());
    }
  }

  /** What the writer writes for {@code name} as a string field, without the cache. */
  private static byte[] written(String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProtoBytes bytes = new ProtoBytes(out);
    int length = ProtoBytes.utf8Length(name);
    bytes.writeVarint(KEY);
    bytes.writeVarint(length);
    bytes.writeUtf8(name, length);
    bytes.flush();
    return out.toByteArray();
  }
}

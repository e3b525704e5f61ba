package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

  @Test
  void flatMapsOfStringsIntegersAndBooleansAreWrittenAsTheMapperWritesThem() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("note", "gift wrap");
    values.put("items", 3);
    values.put("zero", 0);
    values.put("long", Long.MIN_VALUE);
    values.put("short", (short) -7);
    values.put("byte", (byte) 127);
    values.put("yes", true);
    values.put("no", false);
    values.put("empty", "");
    values.put("nothing", null);
    values.put("", "empty key");
    values.put("quote\"back\\slash/", "new\nline\ttab\rcr\bbs\ffeed\u0000nul\u001fus\u007fdel");
    values.put("unicode é 漢字", "emoji \uD83D\uDE00, lone \uD800 and \uDC00");

    String flat = FlatJson.write(values);

    assertThat(flat).isNotNull().isEqualTo(EntityDocuments.mapperJson(values));
  }

  @Test
  void everyCharEscapesAsTheMapperEscapesIt() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) {
      all.append(c);
    }
    Map<String, Object> values = Collections.singletonMap(all.toString(), all.toString());

    assertThat(FlatJson.write(values)).isEqualTo(EntityDocuments.mapperJson(values));
  }

  @Test
  void smallConcurrentMapsAndEmptyMapsToo() {
    SmallConcurrentMap<Object> small = new SmallConcurrentMap<>();
    assertThat(FlatJson.write(small)).isEqualTo("{}").isEqualTo(EntityDocuments.mapperJson(small));
    small.put("b", "2");
    small.put("a", 1);
    assertThat(FlatJson.write(small)).isEqualTo("{\"b\":\"2\",\"a\":1}").isEqualTo(EntityDocuments.mapperJson(small));
  }

  @Test
  void anythingElseIsLeftToTheMapper() {
    assertThat(FlatJson.write("text")).isNull();
    assertThat(FlatJson.write(null)).isNull();
    assertThat(FlatJson.write(Arrays.asList(1, 2))).isNull();
    assertThat(FlatJson.write(Collections.singletonMap("d", 1.5))).isNull();
    assertThat(FlatJson.write(Collections.singletonMap("f", 1.5f))).isNull();
    assertThat(FlatJson.write(Collections.singletonMap("big", new BigDecimal("1.10")))).isNull();
    assertThat(FlatJson.write(Collections.singletonMap("nested", Collections.singletonMap("a", 1)))).isNull();
    Map<Object, Object> numberKey = new HashMap<>();
    numberKey.put(1, "one");
    assertThat(FlatJson.write(numberKey)).isNull();
    // And the mapper writes those as before.
    assertThat(EntityDocuments.toJson(Collections.singletonMap("d", 1.5))).isEqualTo("{\"d\":1.5}");
  }
}

package dev.tracekit.compat.xray.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.AttributeType;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeKeyCacheTest {
  @Test
  void aRepeatedNameGetsTheSameKeyOfItsType() {
    AttributeKeyCache cache = new AttributeKeyCache();
    AttributeKey<String> customer = cache.stringKey("customer");

    assertThat(cache.stringKey(new String("customer"))).isSameAs(customer);
    assertThat(customer).isEqualTo(AttributeKey.stringKey("customer"));
    assertThat(cache.longKey("customer")).isEqualTo(AttributeKey.longKey("customer"));
    assertThat(cache.booleanKey("customer")).isEqualTo(AttributeKey.booleanKey("customer"));
    assertThat(cache.doubleKey("customer")).isEqualTo(AttributeKey.doubleKey("customer"));
    assertThat(cache.stringKey("customer").getType()).isEqualTo(AttributeType.STRING);
  }

  @Test
  void aPrefixedNameIsTheKeyOfTheJoinedNameAndIsKeptWithIt() {
    AttributeKeyCache cache = new AttributeKeyCache();
    AttributeKey<String> metadata = cache.stringKey("aws.xray.metadata.", "default");

    assertThat(metadata).isEqualTo(AttributeKey.stringKey("aws.xray.metadata.default"));
    assertThat(cache.stringKey("aws.xray.metadata.", new String("default"))).isSameAs(metadata);
    assertThat(cache.stringKey("aws.xray.metadata.default")).isSameAs(metadata);
    // Same joined length and hash slot candidates, other split or other text: never the kept key.
    assertThat(cache.stringKey("aws.xray.metadata.", "defaulT").getKey())
        .isEqualTo("aws.xray.metadata.defaulT");
    assertThat(cache.stringKey("aws.xray.", "metadata.default")).isSameAs(metadata);
    assertThat(cache.longKey("aws.xray.metadata.default").getType()).isEqualTo(AttributeType.LONG);
    AttributeKey<Long> retries = cache.longKey("aws.", "retries");
    assertThat(retries).isEqualTo(AttributeKey.longKey("aws.retries"));
    assertThat(cache.longKey("aws.retries")).isSameAs(retries);
    assertThat(cache.booleanKey("aws.", "retries")).isEqualTo(AttributeKey.booleanKey("aws.retries"));
    assertThat(cache.doubleKey("aws.", "retries")).isEqualTo(AttributeKey.doubleKey("aws.retries"));
    String longName = new String(new char[AttributeKeyCache.MAX_CACHED_LENGTH]).replace('\0', 'n');
    assertThat(cache.stringKey("aws.", longName).getKey()).isEqualTo("aws." + longName);
  }

  @Test
  void moreNamesThanSlotsStillGetTheirOwnKeysAndTheCacheStaysBounded() {
    AttributeKeyCache cache = new AttributeKeyCache();
    Map<AttributeKey<?>, Boolean> distinct = new IdentityHashMap<>();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 10 * AttributeKeyCache.SLOTS; i++) {
        String name = "annotation_" + i;
        AttributeKey<?> key = i % 2 == 0 ? cache.longKey(name) : cache.stringKey(name);

        assertThat(key.getKey()).isEqualTo(name);
        assertThat(key.getType()).isEqualTo(i % 2 == 0 ? AttributeType.LONG : AttributeType.STRING);
        distinct.put(key, true);
      }
    }

    // Evicted names got new keys in the second round; the cache holds one key per slot at most.
    assertThat(distinct.size()).isGreaterThan(10 * AttributeKeyCache.SLOTS);
    assertThat(cache.size()).isLessThanOrEqualTo(AttributeKeyCache.SLOTS);
  }

  @Test
  void longNamesAreNotKept() {
    AttributeKeyCache cache = new AttributeKeyCache();
    StringBuilder name = new StringBuilder();
    for (int i = 0; i <= AttributeKeyCache.MAX_CACHED_LENGTH; i++) {
      name.append('k');
    }

    AttributeKey<String> first = cache.stringKey(name.toString());
    AttributeKey<String> second = cache.stringKey(name.toString());

    assertThat(first).isEqualTo(second).isNotSameAs(second);
    assertThat(first.getKey()).isEqualTo(name.toString());
    assertThat(cache.size()).isZero();
  }
}

package dev.tracekit.compat.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

  @Test
  void traceIdHighPutsTheEpochSecondsInTheFirstFourBytes() {
    long epochSeconds = 1_700_000_000L;

    for (int i = 0; i < 1000; i++) {
      long high = IdGenerator.newTraceIdHigh(epochSeconds);
      assertThat(high >>> 32).isEqualTo(epochSeconds);
    }
  }

  @Test
  void traceIdHighKeepsFourRandomBytesAfterTheSeconds() {
    Set<Long> randomHalves = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      randomHalves.add(IdGenerator.newTraceIdHigh(1_700_000_000L) & 0xFFFFFFFFL);
    }

    // 1000 draws of 32 random bits collide rarely: far more than 990 distinct values.
    assertThat(randomHalves.size()).isGreaterThan(990);
  }

  @Test
  void secondsBeyondTheSignBitStayUnsigned() {
    long epochSeconds = 0xFFFFFFF0L; // year 2106

    assertThat(IdGenerator.newTraceIdHigh(epochSeconds) >>> 32).isEqualTo(epochSeconds);
  }

  @Test
  void spanIdsAndTraceIdLowsAreNonZeroAndDistinct() {
    Set<Long> spanIds = new HashSet<>();
    Set<Long> lows = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      long spanId = IdGenerator.newSpanId();
      long low = IdGenerator.newTraceIdLow();
      assertThat(spanId).isNotZero();
      assertThat(low).isNotZero();
      spanIds.add(spanId);
      lows.add(low);
    }

    assertThat(spanIds).hasSize(100_000);
    assertThat(lows).hasSize(100_000);
  }
}

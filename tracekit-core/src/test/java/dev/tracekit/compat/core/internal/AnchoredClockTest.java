package dev.tracekit.compat.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnchoredClockTest {
  @Test
  void anAnchoredClockAddsTheMonotonicTimeElapsedToItsAnchor() {
    long before = System.nanoTime();
    long anchor = AnchoredClock.anchorAt(5_000_000_000L);
    long between = System.nanoTime();
    long first = AnchoredClock.nowFromAnchor(anchor);
    long after = System.nanoTime();
    long second = AnchoredClock.nowFromAnchor(anchor);

    assertThat(first - 5_000_000_000L).isBetween(0L, after - before);
    assertThat(second).isGreaterThanOrEqualTo(first);
    assertThat(second - 5_000_000_000L).isGreaterThanOrEqualTo(after - between);
  }

  @Test
  void theWallClockAndANewClockReadTheEpochTime() {
    long millisBefore = System.currentTimeMillis();
    long wall = AnchoredClock.WALL.now();
    long anchored = AnchoredClock.create().now();
    long millisAfter = System.currentTimeMillis();

    assertThat(wall / 1_000_000L).isBetween(millisBefore, millisAfter);
    assertThat(anchored / 1_000_000L).isBetween(millisBefore, millisAfter);
    assertThat(AnchoredClock.wallNow() / 1_000_000L).isGreaterThanOrEqualTo(millisBefore);
  }
}

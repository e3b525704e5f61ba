package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final long NOW = 784_111_777_000L; // Sun, 06 Nov 1994 08:49:37 GMT

  @Test
  void readsDeltaSeconds() {
    assertThat(RetryAfter.parseNanos("120", NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(120));
    assertThat(RetryAfter.parseNanos(" 0 ", NOW)).isZero();
    assertThat(RetryAfter.parseNanos("99999999999999999999999", NOW)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void readsHttpDatesRelativeToNow() {
    assertThat(RetryAfter.parseNanos("Sun, 06 Nov 1994 08:49:47 GMT", NOW))
        .isEqualTo(TimeUnit.SECONDS.toNanos(10));
    assertThat(RetryAfter.parseNanos("Sun, 06 Nov 1994 08:49:27 GMT", NOW)).isZero();
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(RetryAfter.parseNanos(null, NOW)).isEqualTo(RetryAfter.NONE);
    assertThat(RetryAfter.parseNanos("", NOW)).isEqualTo(RetryAfter.NONE);
    assertThat(RetryAfter.parseNanos("-3", NOW)).isEqualTo(RetryAfter.NONE);
    assertThat(RetryAfter.parseNanos("2.5", NOW)).isEqualTo(RetryAfter.NONE);
    assertThat(RetryAfter.parseNanos("tomorrow", NOW)).isEqualTo(RetryAfter.NONE);
  }
}

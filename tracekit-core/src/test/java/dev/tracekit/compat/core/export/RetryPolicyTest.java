package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  // The defaults docs/wire-format.md ("Backoff") promises.
  @Test
  void defaultsAreFiveAttemptsBackingOffFromOneSecondUpToFive() {
    RetryPolicy policy = RetryPolicy.getDefault();

    assertThat(policy.getMaxAttempts()).isEqualTo(5);
    assertThat(policy.getInitialBackoffNanos()).isEqualTo(SECOND);
    assertThat(policy.getMaxBackoffNanos()).isEqualTo(5 * SECOND);
    assertThat(policy.getBackoffMultiplier()).isEqualTo(1.5);
  }

  @Test
  void backoffGrowsByTheMultiplierUpToTheCap() {
    RetryPolicy policy = RetryPolicy.getDefault();

    // random 1.0 gives the full backoff, 0.0 half of it.
    assertThat(policy.backoffNanos(1, 1.0)).isEqualTo(SECOND);
    assertThat(policy.backoffNanos(2, 1.0)).isEqualTo(1_500_000_000L);
    assertThat(policy.backoffNanos(3, 1.0)).isEqualTo(2_250_000_000L);
    assertThat(policy.backoffNanos(4, 1.0)).isEqualTo(3_375_000_000L);
    assertThat(policy.backoffNanos(5, 1.0)).isEqualTo(5 * SECOND);
    assertThat(policy.backoffNanos(50, 1.0)).isEqualTo(5 * SECOND);
    assertThat(policy.backoffNanos(1, 0.0)).isEqualTo(SECOND / 2);
    assertThat(policy.backoffNanos(50, 0.0)).isEqualTo(5 * SECOND / 2);
  }

  @Test
  void jitterStaysWithinHalfToFullBackoff() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .setInitialBackoff(100, TimeUnit.MILLISECONDS)
            .setMaxBackoff(1, TimeUnit.SECONDS)
            .setBackoffMultiplier(2)
            .build();

    for (int attempt = 1; attempt < 10; attempt++) {
      long full = Math.min(100_000_000L << (attempt - 1), SECOND);
      for (double random = 0; random < 1; random += 0.125) {
        assertThat(policy.backoffNanos(attempt, random)).isBetween(full / 2, full);
      }
    }
  }

  @Test
  void builderRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> RetryPolicy.builder().setMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.builder().setInitialBackoff(0, TimeUnit.SECONDS))
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().setMaxBackoff(-1, TimeUnit.SECONDS))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().setBackoffMultiplier(0.5))
        .hasMessageContaining("backoffMultiplier");
    assertThatThrownBy(() -> RetryPolicy.builder().setBackoffMultiplier(Double.NaN))
        .hasMessageContaining("backoffMultiplier");
  }

  @Test
  void isAValue() {
    RetryPolicy a = RetryPolicy.builder().setMaxAttempts(3).build();
    RetryPolicy b = RetryPolicy.builder().setMaxAttempts(3).build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(RetryPolicy.getDefault());
    assertThat(a.toString()).contains("maxAttempts=3");
    assertThat(RetryPolicy.noRetry().getMaxAttempts()).isEqualTo(1);
  }
}

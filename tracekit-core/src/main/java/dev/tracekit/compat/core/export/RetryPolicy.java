package dev.tracekit.compat.core.export;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * How {@link OtlpHttpSpanExporter} retries a request that failed with HTTP 429, 502, 503 or 504 or
 * with a connection failure: at most {@link #getMaxAttempts()} attempts, waiting between them as
 * the server's {@code Retry-After} header says or else an exponential backoff with jitter. Other
 * failures are never retried. Every attempt and wait also fits in the exporter's time budget.
 * Immutable.
 *
 * <p>The wait before attempt {@code n + 1} is drawn at random from {@code [b/2, b]}, where {@code b
 * = min(initialBackoff * multiplier^(n-1), maxBackoff)}. Defaults: 5 attempts, initial backoff 1 s,
 * multiplier 1.5, max backoff 5 s.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().setMaxAttempts(3).build();
 * }</pre>
 */
public final class RetryPolicy {
  /** Default number of attempts, the first one included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Default backoff before the second attempt, in milliseconds. */
  public static final long DEFAULT_INITIAL_BACKOFF_MILLIS = 1000;

  /** Default cap on the backoff, in milliseconds. */
  public static final long DEFAULT_MAX_BACKOFF_MILLIS = 5000;

  /** Default growth factor of the backoff from one attempt to the next. */
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 1.5;

  private static final RetryPolicy DEFAULT = builder().build();

  private final int maxAttempts;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final double backoffMultiplier;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoffNanos = builder.initialBackoffNanos;
    this.maxBackoffNanos = Math.max(builder.maxBackoffNanos, builder.initialBackoffNanos);
    this.backoffMultiplier = builder.backoffMultiplier;
  }

  /** Returns the default policy: 5 attempts, backoff from 1 s growing 1.5 times up to 5 s. */
  public static RetryPolicy getDefault() {
    return DEFAULT;
  }

  /** Returns a policy that never retries. */
  public static RetryPolicy noRetry() {
    return builder().setMaxAttempts(1).build();
  }

  /** Returns a builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the largest number of attempts per request, the first one included. */
  public int getMaxAttempts() {
    return maxAttempts;
  }

  /** Returns the backoff before the second attempt, in nanoseconds. */
  public long getInitialBackoffNanos() {
    return initialBackoffNanos;
  }

  /** Returns the cap on the backoff, in nanoseconds. */
  public long getMaxBackoffNanos() {
    return maxBackoffNanos;
  }

  /** Returns the growth factor of the backoff. */
  public double getBackoffMultiplier() {
    return backoffMultiplier;
  }

  /**
   * Returns how long to wait after failed attempt {@code attempt} (1 for the first), given a {@code
   * random} number in [0, 1): it scales the capped backoff into [backoff/2, backoff].
   */
  long backoffNanos(int attempt, double random) {
    double backoff = initialBackoffNanos * Math.pow(backoffMultiplier, Math.max(0, attempt - 1));
    double capped = Math.min(backoff, (double) maxBackoffNanos);
    double clamped = Math.min(Math.max(random, 0.0), 1.0);
    return (long) (capped / 2 + clamped * capped / 2);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy that = (RetryPolicy) o;
    return maxAttempts == that.maxAttempts
        && initialBackoffNanos == that.initialBackoffNanos
        && maxBackoffNanos == that.maxBackoffNanos
        && Double.compare(backoffMultiplier, that.backoffMultiplier) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoffNanos, maxBackoffNanos, backoffMultiplier);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoffMillis="
        + TimeUnit.NANOSECONDS.toMillis(initialBackoffNanos)
        + ", maxBackoffMillis="
        + TimeUnit.NANOSECONDS.toMillis(maxBackoffNanos)
        + ", backoffMultiplier="
        + backoffMultiplier
        + '}';
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. Each setter validates its argument. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private long initialBackoffNanos =
        TimeUnit.MILLISECONDS.toNanos(DEFAULT_INITIAL_BACKOFF_MILLIS);
    private long maxBackoffNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_MAX_BACKOFF_MILLIS);
    private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;

    private Builder() {}

    /**
     * Sets the largest number of attempts, the first one included (default 5); 1 disables retries.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder setMaxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the backoff before the second attempt (default 1 s).
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder setInitialBackoff(long backoff, TimeUnit unit) {
      if (backoff <= 0) {
        throw new IllegalArgumentException("initialBackoff must be > 0, got " + backoff);
      }
      this.initialBackoffNanos = unit.toNanos(backoff);
      return this;
    }

    /**
     * Sets the cap on the backoff (default 5 s); a cap below the initial backoff is raised to it.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder setMaxBackoff(long backoff, TimeUnit unit) {
      if (backoff <= 0) {
        throw new IllegalArgumentException("maxBackoff must be > 0, got " + backoff);
      }
      this.maxBackoffNanos = unit.toNanos(backoff);
      return this;
    }

    /**
     * Sets how much the backoff grows from one attempt to the next (default 1.5).
     *
     * @throws IllegalArgumentException when below 1 or not finite
     */
    public Builder setBackoffMultiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("backoffMultiplier must be >= 1, got " + multiplier);
      }
      this.backoffMultiplier = multiplier;
      return this;
    }

    /** Returns the policy. */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}

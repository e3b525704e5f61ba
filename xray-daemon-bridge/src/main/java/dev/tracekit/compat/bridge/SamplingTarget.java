package dev.tracekit.compat.bridge;

import java.util.Objects;

/**
 * What one client gets for one rule in answer to its statistics ({@code SamplingTargetDocument}):
 * the rule's fixed rate, its share of the rule's reservoir, until when that share holds, and when to
 * report again. Immutable.
 */
final class SamplingTarget {
  private final String ruleName;
  private final double fixedRate;
  private final int reservoirQuota;
  private final long reservoirQuotaTtlMillis;
  private final int intervalSeconds;

  SamplingTarget(
      String ruleName,
      double fixedRate,
      int reservoirQuota,
      long reservoirQuotaTtlMillis,
      int intervalSeconds) {
    this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
    this.fixedRate = fixedRate;
    this.reservoirQuota = reservoirQuota;
    this.reservoirQuotaTtlMillis = reservoirQuotaTtlMillis;
    this.intervalSeconds = intervalSeconds;
  }

  String ruleName() {
    return ruleName;
  }

  double fixedRate() {
    return fixedRate;
  }

  /** Requests per second this client may sample before the fixed rate applies. */
  int reservoirQuota() {
    return reservoirQuota;
  }

  /** When the quota expires, in milliseconds since the epoch. */
  long reservoirQuotaTtlMillis() {
    return reservoirQuotaTtlMillis;
  }

  /** Seconds before the client should report its statistics again. */
  int intervalSeconds() {
    return intervalSeconds;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SamplingTarget)) {
      return false;
    }
    SamplingTarget that = (SamplingTarget) o;
    return ruleName.equals(that.ruleName)
        && Double.compare(fixedRate, that.fixedRate) == 0
        && reservoirQuota == that.reservoirQuota
        && reservoirQuotaTtlMillis == that.reservoirQuotaTtlMillis
        && intervalSeconds == that.intervalSeconds;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        ruleName, fixedRate, reservoirQuota, reservoirQuotaTtlMillis, intervalSeconds);
  }

  @Override
  public String toString() {
    return "SamplingTarget{"
        + ruleName
        + ", fixedRate="
        + fixedRate
        + ", reservoirQuota="
        + reservoirQuota
        + ", reservoirQuotaTtlMillis="
        + reservoirQuotaTtlMillis
        + ", intervalSeconds="
        + intervalSeconds
        + "}";
  }
}

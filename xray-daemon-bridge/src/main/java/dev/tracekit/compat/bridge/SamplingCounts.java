package dev.tracekit.compat.bridge;

/**
 * How many sampling API requests the bridge answered since it started, for its summary: rules
 * requests, targets requests, and those it rejected (unknown path or method, body too large,
 * malformed JSON). Immutable snapshot.
 */
final class SamplingCounts {
  private final long rulesRequests;
  private final long targetsRequests;
  private final long rejectedRequests;

  SamplingCounts(long rulesRequests, long targetsRequests, long rejectedRequests) {
    this.rulesRequests = rulesRequests;
    this.targetsRequests = targetsRequests;
    this.rejectedRequests = rejectedRequests;
  }

  /** Successful {@code GetSamplingRules} calls. */
  long rulesRequests() {
    return rulesRequests;
  }

  /** Successful {@code SamplingTargets} calls. */
  long targetsRequests() {
    return targetsRequests;
  }

  /** Requests answered 400, 404, 405 or 413. */
  long rejectedRequests() {
    return rejectedRequests;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SamplingCounts)) {
      return false;
    }
    SamplingCounts that = (SamplingCounts) o;
    return rulesRequests == that.rulesRequests
        && targetsRequests == that.targetsRequests
        && rejectedRequests == that.rejectedRequests;
  }

  @Override
  public int hashCode() {
    return (int) (31 * (31 * rulesRequests + targetsRequests) + rejectedRequests);
  }

  @Override
  public String toString() {
    return "SamplingCounts{rulesRequests="
        + rulesRequests
        + ", targetsRequests="
        + targetsRequests
        + ", rejectedRequests="
        + rejectedRequests
        + "}";
  }
}

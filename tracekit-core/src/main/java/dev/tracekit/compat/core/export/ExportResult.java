package dev.tracekit.compat.core.export;

/**
 * The outcome of one {@link SpanExporter#export} call: how many spans of the batch were not
 * delivered (0 on success). Immutable.
 */
public final class ExportResult {
  private static final ExportResult SUCCESS = new ExportResult(0);

  private final int failedSpans;

  private ExportResult(int failedSpans) {
    this.failedSpans = failedSpans;
  }

  /** Every span was delivered. */
  public static ExportResult success() {
    return SUCCESS;
  }

  /**
   * {@code failedSpans} spans of the batch were not delivered.
   *
   * @throws IllegalArgumentException when {@code failedSpans} is negative
   */
  public static ExportResult failed(int failedSpans) {
    if (failedSpans < 0) {
      throw new IllegalArgumentException("failedSpans must be >= 0, got " + failedSpans);
    }
    return failedSpans == 0 ? SUCCESS : new ExportResult(failedSpans);
  }

  /** Returns true when every span was delivered. */
  public boolean isSuccess() {
    return failedSpans == 0;
  }

  /** Returns how many spans were not delivered. */
  public int getFailedSpans() {
    return failedSpans;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExportResult && ((ExportResult) o).failedSpans == failedSpans;
  }

  @Override
  public int hashCode() {
    return failedSpans;
  }

  @Override
  public String toString() {
    return isSuccess() ? "ExportResult{success}" : "ExportResult{failedSpans=" + failedSpans + '}';
  }
}

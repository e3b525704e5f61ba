package dev.tracekit.compat.core.export;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The outcome of one {@link SpanExporter#export} call: how many spans of the batch were not
 * delivered (0 on success), and why, when the exporter says. Immutable.
 */
public final class ExportResult {
  private static final ExportResult SUCCESS = new ExportResult(0, null);

  private final int failedSpans;
  @Nullable private final String failureReason;

  private ExportResult(int failedSpans, @Nullable String failureReason) {
    this.failedSpans = failedSpans;
    this.failureReason = failureReason;
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
    return failed(failedSpans, null);
  }

  /**
   * {@code failedSpans} spans of the batch were not delivered, for {@code reason}: what the user
   * should read (cause, endpoint without credentials or query; never a secret).
   *
   * @throws IllegalArgumentException when {@code failedSpans} is negative
   */
  public static ExportResult failed(int failedSpans, @Nullable String reason) {
    if (failedSpans < 0) {
      throw new IllegalArgumentException("failedSpans must be >= 0, got " + failedSpans);
    }
    return failedSpans == 0 ? SUCCESS : new ExportResult(failedSpans, reason);
  }

  /** Returns true when every span was delivered. */
  public boolean isSuccess() {
    return failedSpans == 0;
  }

  /** Returns how many spans were not delivered. */
  public int getFailedSpans() {
    return failedSpans;
  }

  /** Returns why the spans were not delivered, or null when unknown (or on success). */
  @Nullable
  public String getFailureReason() {
    return failureReason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExportResult
        && ((ExportResult) o).failedSpans == failedSpans
        && Objects.equals(((ExportResult) o).failureReason, failureReason);
  }

  @Override
  public int hashCode() {
    return 31 * failedSpans + Objects.hashCode(failureReason);
  }

  @Override
  public String toString() {
    return isSuccess()
        ? "ExportResult{success}"
        : "ExportResult{failedSpans=" + failedSpans + (failureReason == null ? "" : ", reason=" + failureReason) + '}';
  }
}

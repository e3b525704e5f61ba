package com.amazonaws.xray.strategy.sampling;

import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * X-Ray's answer to a {@link GetSamplingTargetsRequest}: new targets per rule, statistics it could
 * not process, and when the rules last changed. Immutable values; kept for compatibility, as this
 * library never calls X-Ray.
 */
public abstract class GetSamplingTargetsResponse {
  static GetSamplingTargetsResponse create(
      Date lastRuleModification,
      List<SamplingTargetDocument> documents,
      List<UnprocessedStatistics> unprocessedStatistics) {
    return new Value(
        Values.required(lastRuleModification, "lastRuleModification"),
        Values.required(documents, "documents"),
        Values.required(unprocessedStatistics, "unprocessedStatistics"));
  }

  public abstract Date getLastRuleModification();

  public abstract List<SamplingTargetDocument> getDocuments();

  public abstract List<UnprocessedStatistics> getUnprocessedStatistics();

  /**
   * A rule's new target: its fixed rate, and a reservoir quota with its expiry and the interval
   * before the next report. Only the rule name is required.
   */
  public abstract static class SamplingTargetDocument {
    /**
     * Returns a target document.
     *
     * @throws NullPointerException when {@code ruleName} is null
     */
    public static SamplingTargetDocument create(
        double fixedRate,
        @Nullable Integer intervalSecs,
        @Nullable Integer reservoirQuota,
        @Nullable Date reservoirQuotaTtl,
        String ruleName) {
      return new TargetValue(
          fixedRate,
          intervalSecs,
          reservoirQuota,
          reservoirQuotaTtl,
          Values.required(ruleName, "ruleName"));
    }

    public abstract double getFixedRate();

    @Nullable
    public abstract Integer getIntervalSecs();

    @Nullable
    public abstract Integer getReservoirQuota();

    @Nullable
    public abstract Date getReservoirQuotaTtl();

    public abstract String getRuleName();
  }

  /** Statistics X-Ray rejected for a rule, with its error code and message. */
  abstract static class UnprocessedStatistics {
    static UnprocessedStatistics create(String errorCode, String message, String ruleName) {
      return new UnprocessedValue(
          Values.required(errorCode, "errorCode"),
          Values.required(message, "message"),
          Values.required(ruleName, "ruleName"));
    }

    public abstract String getErrorCode();

    public abstract String getMessage();

    public abstract String getRuleName();
  }

  private static final class Value extends GetSamplingTargetsResponse {
    private final Date lastRuleModification;
    private final List<SamplingTargetDocument> documents;
    private final List<UnprocessedStatistics> unprocessedStatistics;

    Value(
        Date lastRuleModification,
        List<SamplingTargetDocument> documents,
        List<UnprocessedStatistics> unprocessedStatistics) {
      this.lastRuleModification = lastRuleModification;
      this.documents = documents;
      this.unprocessedStatistics = unprocessedStatistics;
    }

    @Override
    public Date getLastRuleModification() {
      return lastRuleModification;
    }

    @Override
    public List<SamplingTargetDocument> getDocuments() {
      return documents;
    }

    @Override
    public List<UnprocessedStatistics> getUnprocessedStatistics() {
      return unprocessedStatistics;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof GetSamplingTargetsResponse)) {
        return false;
      }
      GetSamplingTargetsResponse that = (GetSamplingTargetsResponse) o;
      return lastRuleModification.equals(that.getLastRuleModification())
          && documents.equals(that.getDocuments())
          && unprocessedStatistics.equals(that.getUnprocessedStatistics());
    }

    @Override
    public int hashCode() {
      return Objects.hash(lastRuleModification, documents, unprocessedStatistics);
    }

    @Override
    public String toString() {
      return Values.toString(
          "GetSamplingTargetsResponse",
          new String[] {"lastRuleModification", "documents", "unprocessedStatistics"},
          new Object[] {lastRuleModification, documents, unprocessedStatistics});
    }
  }

  private static final class TargetValue extends SamplingTargetDocument {
    private final double fixedRate;
    @Nullable private final Integer intervalSecs;
    @Nullable private final Integer reservoirQuota;
    @Nullable private final Date reservoirQuotaTtl;
    private final String ruleName;

    TargetValue(
        double fixedRate,
        @Nullable Integer intervalSecs,
        @Nullable Integer reservoirQuota,
        @Nullable Date reservoirQuotaTtl,
        String ruleName) {
      this.fixedRate = fixedRate;
      this.intervalSecs = intervalSecs;
      this.reservoirQuota = reservoirQuota;
      this.reservoirQuotaTtl = reservoirQuotaTtl;
      this.ruleName = ruleName;
    }

    @Override
    public double getFixedRate() {
      return fixedRate;
    }

    @Override
    @Nullable
    public Integer getIntervalSecs() {
      return intervalSecs;
    }

    @Override
    @Nullable
    public Integer getReservoirQuota() {
      return reservoirQuota;
    }

    @Override
    @Nullable
    public Date getReservoirQuotaTtl() {
      return reservoirQuotaTtl;
    }

    @Override
    public String getRuleName() {
      return ruleName;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof SamplingTargetDocument)) {
        return false;
      }
      SamplingTargetDocument that = (SamplingTargetDocument) o;
      return Double.doubleToLongBits(fixedRate) == Double.doubleToLongBits(that.getFixedRate())
          && Objects.equals(intervalSecs, that.getIntervalSecs())
          && Objects.equals(reservoirQuota, that.getReservoirQuota())
          && Objects.equals(reservoirQuotaTtl, that.getReservoirQuotaTtl())
          && ruleName.equals(that.getRuleName());
    }

    @Override
    public int hashCode() {
      return Objects.hash(fixedRate, intervalSecs, reservoirQuota, reservoirQuotaTtl, ruleName);
    }

    @Override
    public String toString() {
      return Values.toString(
          "SamplingTargetDocument",
          new String[] {
            "fixedRate", "intervalSecs", "reservoirQuota", "reservoirQuotaTtl", "ruleName"
          },
          new Object[] {fixedRate, intervalSecs, reservoirQuota, reservoirQuotaTtl, ruleName});
    }
  }

  private static final class UnprocessedValue extends UnprocessedStatistics {
    private final String errorCode;
    private final String message;
    private final String ruleName;

    UnprocessedValue(String errorCode, String message, String ruleName) {
      this.errorCode = errorCode;
      this.message = message;
      this.ruleName = ruleName;
    }

    @Override
    public String getErrorCode() {
      return errorCode;
    }

    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public String getRuleName() {
      return ruleName;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof UnprocessedStatistics)) {
        return false;
      }
      UnprocessedStatistics that = (UnprocessedStatistics) o;
      return errorCode.equals(that.getErrorCode())
          && message.equals(that.getMessage())
          && ruleName.equals(that.getRuleName());
    }

    @Override
    public int hashCode() {
      return Objects.hash(errorCode, message, ruleName);
    }

    @Override
    public String toString() {
      return Values.toString(
          "UnprocessedStatistics",
          new String[] {"errorCode", "message", "ruleName"},
          new Object[] {errorCode, message, ruleName});
    }
  }
}

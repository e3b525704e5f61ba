package com.amazonaws.xray.strategy.sampling;

import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A report of sampling statistics per rule, asking X-Ray for new targets. Immutable values; kept
 * for compatibility, as this library never calls X-Ray.
 */
public abstract class GetSamplingTargetsRequest {
  /**
   * Returns a request reporting {@code documents}.
   *
   * @throws NullPointerException when {@code documents} is null
   */
  public static GetSamplingTargetsRequest create(List<SamplingStatisticsDocument> documents) {
    return new Value(Values.required(documents, "documents"));
  }

  abstract List<SamplingStatisticsDocument> getDocuments();

  /**
   * One rule's counts since the last report: requests, sampled, borrowed. Built with {@link
   * #newBuilder()}; every property but the client id is required.
   */
  public abstract static class SamplingStatisticsDocument {
    /** Returns an empty builder. */
    public static Builder newBuilder() {
      return new StatisticsBuilder();
    }

    public abstract long getBorrowCount();

    @Nullable
    public abstract String getClientId();

    public abstract long getRequestCount();

    public abstract String getRuleName();

    public abstract long getSampledCount();

    public abstract Date getTimestamp();

    /** Builds a {@link SamplingStatisticsDocument}. Not thread-safe. */
    public abstract static class Builder {
      public abstract Builder setBorrowCount(long borrowCount);

      public abstract Builder setClientId(@Nullable String clientId);

      public abstract Builder setRequestCount(long requestCount);

      /** Sets the rule name; throws {@link NullPointerException} when null. */
      public abstract Builder setRuleName(String ruleName);

      public abstract Builder setSampledCount(long sampledCount);

      /** Sets the timestamp; throws {@link NullPointerException} when null. */
      public abstract Builder setTimestamp(Date timestamp);

      /**
       * Returns the document.
       *
       * @throws IllegalStateException naming the required properties not set
       */
      public abstract SamplingStatisticsDocument build();
    }
  }

  private static final class Value extends GetSamplingTargetsRequest {
    private final List<SamplingStatisticsDocument> documents;

    Value(List<SamplingStatisticsDocument> documents) {
      this.documents = documents;
    }

    @Override
    List<SamplingStatisticsDocument> getDocuments() {
      return documents;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof GetSamplingTargetsRequest
          && documents.equals(((GetSamplingTargetsRequest) o).getDocuments());
    }

    @Override
    public int hashCode() {
      return documents.hashCode();
    }

    @Override
    public String toString() {
      return "GetSamplingTargetsRequest{documents=" + documents + "}";
    }
  }

  private static final class StatisticsBuilder extends SamplingStatisticsDocument.Builder {
    @Nullable private Long borrowCount;
    @Nullable private String clientId;
    @Nullable private Long requestCount;
    @Nullable private String ruleName;
    @Nullable private Long sampledCount;
    @Nullable private Date timestamp;

    @Override
    public SamplingStatisticsDocument.Builder setBorrowCount(long borrowCount) {
      this.borrowCount = borrowCount;
      return this;
    }

    @Override
    public SamplingStatisticsDocument.Builder setClientId(@Nullable String clientId) {
      this.clientId = clientId;
      return this;
    }

    @Override
    public SamplingStatisticsDocument.Builder setRequestCount(long requestCount) {
      this.requestCount = requestCount;
      return this;
    }

    @Override
    public SamplingStatisticsDocument.Builder setRuleName(String ruleName) {
      this.ruleName = Values.required(ruleName, "ruleName");
      return this;
    }

    @Override
    public SamplingStatisticsDocument.Builder setSampledCount(long sampledCount) {
      this.sampledCount = sampledCount;
      return this;
    }

    @Override
    public SamplingStatisticsDocument.Builder setTimestamp(Date timestamp) {
      this.timestamp = Values.required(timestamp, "timestamp");
      return this;
    }

    @Override
    public SamplingStatisticsDocument build() {
      StringBuilder missing = new StringBuilder();
      appendIfMissing(missing, borrowCount, "borrowCount");
      appendIfMissing(missing, requestCount, "requestCount");
      appendIfMissing(missing, ruleName, "ruleName");
      appendIfMissing(missing, sampledCount, "sampledCount");
      appendIfMissing(missing, timestamp, "timestamp");
      if (borrowCount == null
          || requestCount == null
          || ruleName == null
          || sampledCount == null
          || timestamp == null) {
        throw new IllegalStateException("Missing required properties:" + missing);
      }
      return new StatisticsValue(
          borrowCount, clientId, requestCount, ruleName, sampledCount, timestamp);
    }

    private static void appendIfMissing(
        StringBuilder missing, @Nullable Object value, String name) {
      if (value == null) {
        missing.append(' ').append(name);
      }
    }
  }

  private static final class StatisticsValue extends SamplingStatisticsDocument {
    private final long borrowCount;
    @Nullable private final String clientId;
    private final long requestCount;
    private final String ruleName;
    private final long sampledCount;
    private final Date timestamp;

    StatisticsValue(
        long borrowCount,
        @Nullable String clientId,
        long requestCount,
        String ruleName,
        long sampledCount,
        Date timestamp) {
      this.borrowCount = borrowCount;
      this.clientId = clientId;
      this.requestCount = requestCount;
      this.ruleName = ruleName;
      this.sampledCount = sampledCount;
      this.timestamp = timestamp;
    }

    @Override
    public long getBorrowCount() {
      return borrowCount;
    }

    @Override
    @Nullable
    public String getClientId() {
      return clientId;
    }

    @Override
    public long getRequestCount() {
      return requestCount;
    }

    @Override
    public String getRuleName() {
      return ruleName;
    }

    @Override
    public long getSampledCount() {
      return sampledCount;
    }

    @Override
    public Date getTimestamp() {
      return timestamp;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof SamplingStatisticsDocument)) {
        return false;
      }
      SamplingStatisticsDocument that = (SamplingStatisticsDocument) o;
      return borrowCount == that.getBorrowCount()
          && Objects.equals(clientId, that.getClientId())
          && requestCount == that.getRequestCount()
          && ruleName.equals(that.getRuleName())
          && sampledCount == that.getSampledCount()
          && timestamp.equals(that.getTimestamp());
    }

    @Override
    public int hashCode() {
      return Objects.hash(borrowCount, clientId, requestCount, ruleName, sampledCount, timestamp);
    }

    @Override
    public String toString() {
      return Values.toString(
          "SamplingStatisticsDocument",
          new String[] {
            "borrowCount", "clientId", "requestCount", "ruleName", "sampledCount", "timestamp"
          },
          new Object[] {borrowCount, clientId, requestCount, ruleName, sampledCount, timestamp});
    }
  }
}

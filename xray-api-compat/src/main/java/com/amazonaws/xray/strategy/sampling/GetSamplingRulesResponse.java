package com.amazonaws.xray.strategy.sampling;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One page of the sampling rules set in X-Ray, with the token of the next page. Immutable values;
 * kept for compatibility, as this library never calls X-Ray.
 */
public abstract class GetSamplingRulesResponse {
  static GetSamplingRulesResponse create(
      @Nullable String nextToken, List<SamplingRuleRecord> samplingRuleRecords) {
    return new Value(nextToken, Values.required(samplingRuleRecords, "samplingRuleRecords"));
  }

  @Nullable
  abstract String getNextToken();

  public abstract List<SamplingRuleRecord> getSamplingRuleRecords();

  /** A sampling rule with when it was created and last modified. */
  public abstract static class SamplingRuleRecord {
    static SamplingRuleRecord create(
        String createdAt, String modifiedAt, SamplingRule samplingRule) {
      return new RecordValue(
          Values.required(createdAt, "createdAt"),
          Values.required(modifiedAt, "modifiedAt"),
          Values.required(samplingRule, "samplingRule"));
    }

    public abstract String getCreatedAt();

    public abstract String getModifiedAt();

    public abstract SamplingRule getSamplingRule();
  }

  /**
   * A sampling rule as X-Ray stores it: what it matches, its priority, reservoir size and fixed
   * rate. {@code fixedRate}, {@code priority} and {@code reservoirSize} are required; the rest may
   * be null.
   */
  public abstract static class SamplingRule {
    /**
     * Returns a rule; the arguments follow the alphabetical order of the properties.
     *
     * @throws NullPointerException when {@code fixedRate}, {@code priority} or {@code
     *     reservoirSize} is null
     */
    public static SamplingRule create(
        @Nullable Map<String, String> attributes,
        Double fixedRate,
        @Nullable String host,
        @Nullable String httpMethod,
        Integer priority,
        Integer reservoirSize,
        @Nullable String resourceArn,
        @Nullable String ruleArn,
        @Nullable String ruleName,
        @Nullable String serviceName,
        @Nullable String serviceType,
        @Nullable String urlPath,
        @Nullable Integer version) {
      return new SamplingRuleValue(
          attributes,
          Values.required(fixedRate, "fixedRate"),
          host,
          httpMethod,
          Values.required(priority, "priority"),
          Values.required(reservoirSize, "reservoirSize"),
          resourceArn,
          ruleArn,
          ruleName,
          serviceName,
          serviceType,
          urlPath,
          version);
    }

    @Nullable
    public abstract Map<String, String> getAttributes();

    public abstract Double getFixedRate();

    @Nullable
    public abstract String getHost();

    @Nullable
    public abstract String getHttpMethod();

    public abstract Integer getPriority();

    public abstract Integer getReservoirSize();

    @Nullable
    public abstract String getResourceArn();

    @Nullable
    public abstract String getRuleArn();

    @Nullable
    public abstract String getRuleName();

    @Nullable
    public abstract String getServiceName();

    @Nullable
    public abstract String getServiceType();

    @Nullable
    public abstract String getUrlPath();

    @Nullable
    public abstract Integer getVersion();
  }

  private static final class Value extends GetSamplingRulesResponse {
    @Nullable private final String nextToken;
    private final List<SamplingRuleRecord> samplingRuleRecords;

    Value(@Nullable String nextToken, List<SamplingRuleRecord> samplingRuleRecords) {
      this.nextToken = nextToken;
      this.samplingRuleRecords = samplingRuleRecords;
    }

    @Override
    @Nullable
    String getNextToken() {
      return nextToken;
    }

    @Override
    public List<SamplingRuleRecord> getSamplingRuleRecords() {
      return samplingRuleRecords;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof GetSamplingRulesResponse)) {
        return false;
      }
      GetSamplingRulesResponse that = (GetSamplingRulesResponse) o;
      return Objects.equals(nextToken, that.getNextToken())
          && samplingRuleRecords.equals(that.getSamplingRuleRecords());
    }

    @Override
    public int hashCode() {
      return Objects.hash(nextToken, samplingRuleRecords);
    }

    @Override
    public String toString() {
      return "GetSamplingRulesResponse{nextToken="
          + nextToken
          + ", samplingRuleRecords="
          + samplingRuleRecords
          + "}";
    }
  }

  private static final class RecordValue extends SamplingRuleRecord {
    private final String createdAt;
    private final String modifiedAt;
    private final SamplingRule samplingRule;

    RecordValue(String createdAt, String modifiedAt, SamplingRule samplingRule) {
      this.createdAt = createdAt;
      this.modifiedAt = modifiedAt;
      this.samplingRule = samplingRule;
    }

    @Override
    public String getCreatedAt() {
      return createdAt;
    }

    @Override
    public String getModifiedAt() {
      return modifiedAt;
    }

    @Override
    public SamplingRule getSamplingRule() {
      return samplingRule;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof SamplingRuleRecord)) {
        return false;
      }
      SamplingRuleRecord that = (SamplingRuleRecord) o;
      return createdAt.equals(that.getCreatedAt())
          && modifiedAt.equals(that.getModifiedAt())
          && samplingRule.equals(that.getSamplingRule());
    }

    @Override
    public int hashCode() {
      return Objects.hash(createdAt, modifiedAt, samplingRule);
    }

    @Override
    public String toString() {
      return "SamplingRuleRecord{createdAt="
          + createdAt
          + ", modifiedAt="
          + modifiedAt
          + ", samplingRule="
          + samplingRule
          + "}";
    }
  }
}

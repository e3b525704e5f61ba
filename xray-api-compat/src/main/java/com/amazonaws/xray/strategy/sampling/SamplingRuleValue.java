package com.amazonaws.xray.strategy.sampling;

import java.util.Arrays;
import java.util.Map;
import javax.annotation.Nullable;

/** The immutable {@link GetSamplingRulesResponse.SamplingRule} that {@code create} returns. */
final class SamplingRuleValue extends GetSamplingRulesResponse.SamplingRule {
  private static final String[] NAMES = {
    "attributes",
    "fixedRate",
    "host",
    "httpMethod",
    "priority",
    "reservoirSize",
    "resourceArn",
    "ruleArn",
    "ruleName",
    "serviceName",
    "serviceType",
    "urlPath",
    "version"
  };

  @Nullable private final Map<String, String> attributes;
  private final Double fixedRate;
  @Nullable private final String host;
  @Nullable private final String httpMethod;
  private final Integer priority;
  private final Integer reservoirSize;
  @Nullable private final String resourceArn;
  @Nullable private final String ruleArn;
  @Nullable private final String ruleName;
  @Nullable private final String serviceName;
  @Nullable private final String serviceType;
  @Nullable private final String urlPath;
  @Nullable private final Integer version;

  SamplingRuleValue(
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
    this.attributes = attributes;
    this.fixedRate = fixedRate;
    this.host = host;
    this.httpMethod = httpMethod;
    this.priority = priority;
    this.reservoirSize = reservoirSize;
    this.resourceArn = resourceArn;
    this.ruleArn = ruleArn;
    this.ruleName = ruleName;
    this.serviceName = serviceName;
    this.serviceType = serviceType;
    this.urlPath = urlPath;
    this.version = version;
  }

  @Override
  @Nullable
  public Map<String, String> getAttributes() {
    return attributes;
  }

  @Override
  public Double getFixedRate() {
    return fixedRate;
  }

  @Override
  @Nullable
  public String getHost() {
    return host;
  }

  @Override
  @Nullable
  public String getHttpMethod() {
    return httpMethod;
  }

  @Override
  public Integer getPriority() {
    return priority;
  }

  @Override
  public Integer getReservoirSize() {
    return reservoirSize;
  }

  @Override
  @Nullable
  public String getResourceArn() {
    return resourceArn;
  }

  @Override
  @Nullable
  public String getRuleArn() {
    return ruleArn;
  }

  @Override
  @Nullable
  public String getRuleName() {
    return ruleName;
  }

  @Override
  @Nullable
  public String getServiceName() {
    return serviceName;
  }

  @Override
  @Nullable
  public String getServiceType() {
    return serviceType;
  }

  @Override
  @Nullable
  public String getUrlPath() {
    return urlPath;
  }

  @Override
  @Nullable
  public Integer getVersion() {
    return version;
  }

  private static Object[] values(GetSamplingRulesResponse.SamplingRule rule) {
    return new Object[] {
      rule.getAttributes(), rule.getFixedRate(), rule.getHost(), rule.getHttpMethod(),
      rule.getPriority(), rule.getReservoirSize(), rule.getResourceArn(), rule.getRuleArn(),
      rule.getRuleName(), rule.getServiceName(), rule.getServiceType(), rule.getUrlPath(),
      rule.getVersion()
    };
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o == this
        || (o instanceof GetSamplingRulesResponse.SamplingRule
            && Arrays.equals(values(this), values((GetSamplingRulesResponse.SamplingRule) o)));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values(this));
  }

  @Override
  public String toString() {
    return Values.toString("SamplingRule", NAMES, values(this));
  }
}

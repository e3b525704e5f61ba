package dev.tracekit.compat.bridge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sampling rule as the X-Ray API describes it ({@code SamplingRule}): what it matches, its
 * priority, and how much it samples (a reservoir of requests per second, then a fixed rate).
 * Immutable.
 */
final class SamplingRule {
  /** The name X-Ray gives its catch-all rule, which every rule set ends with. */
  static final String DEFAULT_RULE_NAME = "Default";
  /** The catch-all rule's priority: after every custom rule (those take 1 to 9999). */
  static final int DEFAULT_RULE_PRIORITY = 10000;
  /** Matches anything. */
  static final String ANY = "*";

  private final String ruleName;
  private final String ruleArn;
  private final String resourceArn;
  private final int priority;
  private final double fixedRate;
  private final int reservoirSize;
  private final String serviceName;
  private final String serviceType;
  private final String host;
  private final String httpMethod;
  private final String urlPath;
  private final int version;
  private final Map<String, String> attributes;

  SamplingRule(
      String ruleName,
      String ruleArn,
      String resourceArn,
      int priority,
      double fixedRate,
      int reservoirSize,
      String serviceName,
      String serviceType,
      String host,
      String httpMethod,
      String urlPath,
      int version,
      Map<String, String> attributes) {
    this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
    this.ruleArn = Objects.requireNonNull(ruleArn, "ruleArn");
    this.resourceArn = Objects.requireNonNull(resourceArn, "resourceArn");
    this.priority = priority;
    this.fixedRate = fixedRate;
    this.reservoirSize = reservoirSize;
    this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    this.serviceType = Objects.requireNonNull(serviceType, "serviceType");
    this.host = Objects.requireNonNull(host, "host");
    this.httpMethod = Objects.requireNonNull(httpMethod, "httpMethod");
    this.urlPath = Objects.requireNonNull(urlPath, "urlPath");
    this.version = version;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * Returns X-Ray's default rule: the first request each second, then 5%, whatever the request.
   */
  static SamplingRule xrayDefault() {
    return withDefaults(DEFAULT_RULE_NAME, DEFAULT_RULE_PRIORITY, 0.05, 1);
  }

  /** Returns a rule that matches every request: wildcards everywhere, no attributes, version 1. */
  static SamplingRule withDefaults(
      String ruleName, int priority, double fixedRate, int reservoirSize) {
    return new SamplingRule(
        ruleName,
        localArn(ruleName),
        ANY,
        priority,
        fixedRate,
        reservoirSize,
        ANY,
        ANY,
        ANY,
        ANY,
        ANY,
        1,
        Collections.<String, String>emptyMap());
  }

  /**
   * Returns the ARN given to a rule whose file names none: X-Ray's form, with the region {@code
   * local} and no account, since no AWS account holds it.
   */
  static String localArn(String ruleName) {
    return "arn:aws:xray:local::sampling-rule/" + ruleName;
  }

  String ruleName() {
    return ruleName;
  }

  String ruleArn() {
    return ruleArn;
  }

  String resourceArn() {
    return resourceArn;
  }

  int priority() {
    return priority;
  }

  double fixedRate() {
    return fixedRate;
  }

  /** Requests per second sampled before the fixed rate applies, shared by every client. */
  int reservoirSize() {
    return reservoirSize;
  }

  String serviceName() {
    return serviceName;
  }

  String serviceType() {
    return serviceType;
  }

  String host() {
    return host;
  }

  String httpMethod() {
    return httpMethod;
  }

  String urlPath() {
    return urlPath;
  }

  int version() {
    return version;
  }

  Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SamplingRule)) {
      return false;
    }
    SamplingRule that = (SamplingRule) o;
    return ruleName.equals(that.ruleName)
        && ruleArn.equals(that.ruleArn)
        && resourceArn.equals(that.resourceArn)
        && priority == that.priority
        && Double.compare(fixedRate, that.fixedRate) == 0
        && reservoirSize == that.reservoirSize
        && serviceName.equals(that.serviceName)
        && serviceType.equals(that.serviceType)
        && host.equals(that.host)
        && httpMethod.equals(that.httpMethod)
        && urlPath.equals(that.urlPath)
        && version == that.version
        && attributes.equals(that.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        ruleName,
        ruleArn,
        resourceArn,
        priority,
        fixedRate,
        reservoirSize,
        serviceName,
        serviceType,
        host,
        httpMethod,
        urlPath,
        version,
        attributes);
  }

  @Override
  public String toString() {
    return "SamplingRule{"
        + ruleName
        + ", priority="
        + priority
        + ", reservoirSize="
        + reservoirSize
        + ", fixedRate="
        + fixedRate
        + ", serviceName="
        + serviceName
        + ", serviceType="
        + serviceType
        + ", host="
        + host
        + ", httpMethod="
        + httpMethod
        + ", urlPath="
        + urlPath
        + ", resourceArn="
        + resourceArn
        + ", attributes="
        + attributes
        + "}";
  }
}

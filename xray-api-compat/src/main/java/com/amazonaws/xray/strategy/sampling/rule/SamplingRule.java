package com.amazonaws.xray.strategy.sampling.rule;

import com.amazonaws.xray.entities.SearchPattern;
import com.amazonaws.xray.strategy.sampling.reservoir.Reservoir;
import javax.annotation.Nullable;

/**
 * One rule of a local sampling-rule file: what it matches (host or, in version 1 files, service
 * name; HTTP method; URL path — each a {@link SearchPattern} glob) and how much it samples ({@code
 * fixed_target} per second, then {@code rate} of the rest). A mutable bean, as read from JSON. Not
 * thread-safe while being changed.
 */
public class SamplingRule {
  @Nullable private String host;
  @Nullable private String serviceName;
  @Nullable private String httpMethod;
  @Nullable private String urlPath;
  private int fixedTarget = -1;
  private float rate = -1.0f;
  private Reservoir reservoir;

  /** A rule with nothing set: no patterns, and -1 (unset) for fixed target and rate. */
  public SamplingRule() {
    this.reservoir = new Reservoir(fixedTarget);
  }

  public SamplingRule(
      @Nullable String host,
      @Nullable String serviceName,
      @Nullable String httpMethod,
      @Nullable String urlPath,
      int fixedTarget,
      float rate) {
    this.host = host;
    this.serviceName = serviceName;
    this.httpMethod = httpMethod;
    this.urlPath = urlPath;
    this.fixedTarget = fixedTarget;
    this.rate = rate;
    this.reservoir = new Reservoir(fixedTarget);
  }

  @Nullable
  public String getServiceName() {
    return serviceName;
  }

  public void setServiceName(@Nullable String serviceName) {
    this.serviceName = serviceName;
  }

  @Nullable
  public String getHost() {
    return host;
  }

  public void setHost(@Nullable String host) {
    this.host = host;
  }

  @Nullable
  public String getHttpMethod() {
    return httpMethod;
  }

  public void setHttpMethod(@Nullable String httpMethod) {
    this.httpMethod = httpMethod;
  }

  @Nullable
  public String getUrlPath() {
    return urlPath;
  }

  public void setUrlPath(@Nullable String urlPath) {
    this.urlPath = urlPath;
  }

  public int getFixedTarget() {
    return fixedTarget;
  }

  /** Sets the fixed target and gives the rule a new reservoir of that many traces per second. */
  public void setFixedTarget(int fixedTarget) {
    this.fixedTarget = fixedTarget;
    this.reservoir = new Reservoir(fixedTarget);
  }

  public float getRate() {
    return rate;
  }

  public void setRate(float rate) {
    this.rate = rate;
  }

  public Reservoir getReservoir() {
    return reservoir;
  }

  @Override
  public String toString() {
    return "\n\thost: "
        + host
        + "\n\thttp_method: "
        + httpMethod
        + "\n\turl_path: "
        + urlPath
        + "\n\tfixed_target: "
        + fixedTarget
        + "\n\trate: "
        + rate;
  }

  /**
   * Returns true when each given request value matches this rule's pattern, ignoring case. A null
   * request value matches any pattern.
   */
  public boolean appliesTo(
      @Nullable String requestHost, @Nullable String requestPath, @Nullable String requestMethod) {
    return matches(host, requestHost)
        && matches(urlPath, requestPath)
        && matches(httpMethod, requestMethod);
  }

  private static boolean matches(@Nullable String pattern, @Nullable String value) {
    return value == null || SearchPattern.wildcardMatch(pattern, value);
  }
}

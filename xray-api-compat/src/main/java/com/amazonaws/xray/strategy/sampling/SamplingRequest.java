package com.amazonaws.xray.strategy.sampling;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/** What a sampling rule can match on: service, host, HTTP method, URL path, service type. */
public class SamplingRequest {
  private final String roleArn;
  @Nullable private final String resourceArn;
  @Nullable private final String service;
  @Nullable private final String host;
  @Nullable private final String method;
  @Nullable private final String url;
  @Nullable private String serviceType;
  private final Map<String, String> attributes;

  public SamplingRequest(
      @Nullable String roleArn,
      @Nullable String resourceArn,
      @Nullable String service,
      @Nullable String host,
      @Nullable String method,
      @Nullable String url,
      @Nullable String serviceType,
      @Nullable Map<String, String> attributes) {
    this.roleArn = roleArn == null ? "" : roleArn;
    this.resourceArn = resourceArn;
    this.service = service;
    this.host = host;
    this.method = method;
    this.url = url;
    this.serviceType = serviceType;
    this.attributes = attributes == null ? Collections.<String, String>emptyMap() : attributes;
  }

  public SamplingRequest(
      @Nullable String service,
      @Nullable String host,
      @Nullable String url,
      @Nullable String method,
      @Nullable String serviceType) {
    this(null, null, service, host, method, url, serviceType, null);
  }

  /** Returns the account id, the fifth field of the role ARN, when there is one. */
  public Optional<String> getAccountId() {
    String[] parts = roleArn.split(":");
    return parts.length > 4 && !parts[4].isEmpty() ? Optional.of(parts[4]) : Optional.<String>empty();
  }

  /** Returns the role ARN, or an empty string. */
  public String getRoleARN() {
    return roleArn;
  }

  public Optional<String> getResourceARN() {
    return Optional.ofNullable(resourceArn);
  }

  public Optional<String> getService() {
    return Optional.ofNullable(service);
  }

  public Optional<String> getMethod() {
    return Optional.ofNullable(method);
  }

  public Optional<String> getUrl() {
    return Optional.ofNullable(url);
  }

  public Optional<String> getHost() {
    return Optional.ofNullable(host);
  }

  public Optional<String> getServiceType() {
    return Optional.ofNullable(serviceType);
  }

  public Map<String, String> getAttributes() {
    return attributes;
  }

  public void setServiceType(@Nullable String serviceType) {
    this.serviceType = serviceType;
  }
}

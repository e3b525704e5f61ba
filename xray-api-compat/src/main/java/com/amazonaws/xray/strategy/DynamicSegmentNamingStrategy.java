package com.amazonaws.xray.strategy;

import dev.tracekit.compat.xray.SegmentNames;
import javax.servlet.http.HttpServletRequest;
import javax.annotation.Nullable;

/**
 * Names each segment after the request's {@code Host} header (port included, as sent) when it
 * matches the recognized-hosts pattern ({@code *} and {@code ?} wildcards, case-insensitive), else
 * after the fallback name. When {@code AWS_XRAY_TRACING_NAME} (or its system property) is set while
 * the strategy is built, that name replaces the fallback name.
 */
@Deprecated
public class DynamicSegmentNamingStrategy implements SegmentNamingStrategy {
  @Nullable private final String recognizedHosts;
  @Nullable private final String fallbackName;

  /** A strategy that accepts every host and falls back to {@code fallbackName}. */
  @Deprecated
  public DynamicSegmentNamingStrategy(String fallbackName) {
    this(fallbackName, SegmentNames.ANY_HOST);
  }

  /** A strategy that accepts hosts matching {@code recognizedHosts}, else {@code fallbackName}. */
  @Deprecated
  public DynamicSegmentNamingStrategy(String fallbackName, String recognizedHosts) {
    this.fallbackName = SegmentNames.fallbackName(fallbackName, getOverrideName());
    this.recognizedHosts = recognizedHosts == null ? SegmentNames.ANY_HOST : recognizedHosts;
  }

  /** Returns the {@code Host} header when it is recognized, else the fallback name. */
  @Override
  public String nameForRequest(HttpServletRequest request) {
    return SegmentNames.forHost(
        request.getHeader(SegmentNames.HOST_HEADER), recognizedHosts, fallbackName);
  }
}

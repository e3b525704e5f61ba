package com.amazonaws.xray.strategy.jakarta;

import dev.tracekit.compat.xray.SegmentNames;
import jakarta.servlet.http.HttpServletRequest;
import javax.annotation.Nullable;

/**
 * Names the segment the {@code AWSXRayServletFilter} (jakarta.servlet) begins for each request. Use
 * {@link #fixed(String)} for one name, or {@link #dynamic(String, String)} to name segments after
 * the {@code Host} header. The environment variable {@code AWS_XRAY_TRACING_NAME} (else the system
 * property {@code com.amazonaws.xray.strategy.tracingName}) overrides the fixed name and the
 * dynamic fallback name of the strategies built while it is set.
 */
public interface SegmentNamingStrategy {
  /** The environment variable that overrides segment names. */
  String NAME_OVERRIDE_ENVIRONMENT_VARIABLE_KEY = "AWS_XRAY_TRACING_NAME";
  /** The system property that overrides segment names when the environment variable is unset. */
  String NAME_OVERRIDE_SYSTEM_PROPERTY_KEY = "com.amazonaws.xray.strategy.tracingName";

  /** Returns a strategy that names every segment {@code fixedName}. */
  static SegmentNamingStrategy fixed(String fixedName) {
    return new FixedSegmentNamingStrategy(fixedName);
  }

  /** Returns a strategy that names segments after any {@code Host}, else {@code fallbackName}. */
  static SegmentNamingStrategy dynamic(String fallbackName) {
    return new DynamicSegmentNamingStrategy(fallbackName);
  }

  /**
   * Returns a strategy that names segments after the {@code Host} header when it matches {@code
   * recognizedHosts} (wildcards {@code *} and {@code ?}), else {@code fallbackName}.
   */
  static SegmentNamingStrategy dynamic(String fallbackName, String recognizedHosts) {
    return new DynamicSegmentNamingStrategy(fallbackName, recognizedHosts);
  }

  /** Returns the segment name for {@code request}. */
  String nameForRequest(HttpServletRequest request);

  /**
   * Returns the name set by {@code AWS_XRAY_TRACING_NAME}, else by the system property {@code
   * com.amazonaws.xray.strategy.tracingName}, else null; blank values count as unset.
   */
  @Nullable
  default String getOverrideName() {
    return SegmentNames.overrideName();
  }
}

package com.amazonaws.xray.strategy;

import dev.tracekit.compat.xray.SegmentNames;
import javax.servlet.http.HttpServletRequest;
import javax.annotation.Nullable;

/**
 * Names every segment the same. The name is taken as given; when {@code AWS_XRAY_TRACING_NAME}
 * (or its system property) is set while the strategy is built, that name is used instead.
 */
@Deprecated
public class FixedSegmentNamingStrategy implements SegmentNamingStrategy {
  @Nullable private final String fixedName;

  /** A strategy naming every segment {@code name}, unless the override is set. */
  @Deprecated
  public FixedSegmentNamingStrategy(String name) {
    this.fixedName = SegmentNames.fixedName(name, getOverrideName());
  }

  /** Returns the fixed name; {@code request} is not read. */
  @Override
  public String nameForRequest(HttpServletRequest request) {
    return fixedName;
  }
}

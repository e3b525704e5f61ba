package com.amazonaws.xray.plugins;

import com.amazonaws.xray.entities.AWSLogReference;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Describes where the service runs (EC2, ECS, EKS, Elastic Beanstalk): an origin, a runtime context
 * that X-Ray puts in each segment's {@code aws} map, and log references. With TraceKit the runtime
 * context also becomes resource attributes.
 */
public interface Plugin {
  String getOrigin();

  String getServiceName();

  /** Returns true when the service runs where this plugin applies; the default says yes. */
  default boolean isEnabled() {
    return true;
  }

  Map<String, Object> getRuntimeContext();

  default Set<AWSLogReference> getLogReferences() {
    return Collections.emptySet();
  }
}

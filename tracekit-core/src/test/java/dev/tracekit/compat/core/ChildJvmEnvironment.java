package dev.tracekit.compat.core;

import java.util.Map;

/**
 * The environment of a child JVM that a test starts: without the tracing settings of the machine
 * running the build (TraceKit's, OpenTelemetry's, X-Ray's, Lambda's and ECS's), as surefire strips them from the
 * test JVM itself, so that the child sees only the configuration the test gives it.
 */
public final class ChildJvmEnvironment {
  private ChildJvmEnvironment() {}

  /** Removes from {@code environment} every variable that would configure tracing in the child. */
  public static void removeTracingSettings(Map<String, String> environment) {
    environment.keySet().removeIf(ChildJvmEnvironment::isTracingSetting);
  }

  static boolean isTracingSetting(String name) {
    return name.startsWith("TRACEKIT_")
        || name.startsWith("OTEL_")
        || name.startsWith("AWS_XRAY_")
        || name.startsWith("AWS_LAMBDA_")
        || name.equals("_X_AMZN_TRACE_ID")
        || name.equals("LAMBDA_TASK_ROOT")
        || name.startsWith("ECS_CONTAINER_METADATA_URI");
  }
}

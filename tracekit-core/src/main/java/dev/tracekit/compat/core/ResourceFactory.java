package dev.tracekit.compat.core;

import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.internal.Version;
import dev.tracekit.compat.core.trace.Resource;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Map;
import javax.annotation.Nullable;

/** Builds the resource every span of a pipeline carries, from its configuration and the host. */
final class ResourceFactory {
  static final String SDK_NAME = "tracekit-xray-compat";

  private ResourceFactory() {}

  static Resource create(TraceKitConfig config) {
    Attributes.Builder attributes = Attributes.builder();
    // Under everything computed here: TRACEKIT_SERVICE_NAME wins over a service.name in them.
    for (Map.Entry<String, String> e : config.getConfiguredResourceAttributes().entrySet()) {
      attributes.put(e.getKey(), e.getValue());
    }
    attributes
            .put("service.name", config.getServiceName())
            .put("telemetry.sdk.name", SDK_NAME)
            .put("telemetry.sdk.version", Version.get())
            .put("telemetry.sdk.language", "java");
    if (config.getServiceVersion() != null) {
      attributes.put("service.version", config.getServiceVersion());
    }
    if (config.getEnvironment() != null) {
      attributes.put("deployment.environment.name", config.getEnvironment());
      // The pre-1.27 semantic-convention name, which TraceKit's own SDKs still send.
      attributes.put("deployment.environment", config.getEnvironment());
    }
    String host = hostName();
    if (host != null) {
      attributes.put("host.name", host);
    }
    long pid = processId();
    if (pid > 0) {
      attributes.put("process.pid", pid);
    }
    for (Map.Entry<String, String> e : config.getResourceAttributes().entrySet()) {
      attributes.put(e.getKey(), e.getValue());
    }
    return Resource.create(attributes.build());
  }

  @Nullable
  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    env = System.getenv("COMPUTERNAME");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return null;
    }
  }

  /** Java 8 has no ProcessHandle: the runtime bean's name is {@code pid@host} on HotSpot and J9. */
  private static long processId() {
    try {
      String name = ManagementFactory.getRuntimeMXBean().getName();
      int at = name.indexOf('@');
      return Long.parseLong(at > 0 ? name.substring(0, at) : name);
    } catch (RuntimeException e) {
      return -1;
    }
  }
}

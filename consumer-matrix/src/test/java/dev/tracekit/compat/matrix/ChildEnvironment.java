package dev.tracekit.compat.matrix;

import dev.tracekit.compat.core.ChildJvmEnvironment;
import java.util.HashMap;
import java.util.Map;

/**
 * The environments of the processes the matrix starts: the matrix's own, without the tracing
 * settings of the machine running the build (TraceKit's, X-Ray's, Lambda's, ECS's), plus what each
 * process needs.
 */
final class ChildEnvironment {
  /** The API key every app sends; the collector accepts any. */
  static final String API_KEY = "matrix-test-key";

  private ChildEnvironment() {}

  /**
   * A consumer's Maven build: on the matrix's JDK, whose JIT stops at C1 (a short Maven run takes
   * about half the time that way; the build's own MAVEN_OPTS follow).
   */
  static Map<String, String> forBuild(Toolchain tools) {
    Map<String, String> environment = withoutTracingSettings();
    environment.put("JAVA_HOME", tools.javaHome.toString());
    String mavenOpts = environment.getOrDefault("MAVEN_OPTS", "");
    environment.put("MAVEN_OPTS", ("-XX:TieredStopAtLevel=1 " + mavenOpts).trim());
    return environment;
  }

  /**
   * A consumer app: traced to {@code endpoint} under the consumer's name as service, with the
   * consumer's {@code run.env.*} on top. The AWS SDKs and the shim's EC2 plugin never ask an
   * instance metadata service, so that nothing leaves loopback even on an EC2 host.
   */
  static Map<String, String> forApp(Consumer consumer, String endpoint) {
    Map<String, String> environment = withoutTracingSettings();
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.put("IMDS_ENDPOINT", "127.0.0.1:1");
    environment.put("TRACEKIT_ENDPOINT", endpoint);
    environment.put("TRACEKIT_API_KEY", API_KEY);
    environment.put("TRACEKIT_SERVICE_NAME", consumer.name);
    environment.putAll(consumer.environment());
    return environment;
  }

  private static Map<String, String> withoutTracingSettings() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    ChildJvmEnvironment.removeTracingSettings(environment);
    return environment;
  }
}

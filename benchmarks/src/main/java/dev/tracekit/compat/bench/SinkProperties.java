package dev.tracekit.compat.bench;

/**
 * The system properties that point every contender at the loopback sink (set by {@code run.sh}).
 * A benchmark refuses to start without them, so that nothing ever looks for a real X-Ray daemon,
 * AWS, or TraceKit.
 */
final class SinkProperties {
  /** The real X-Ray SDK's daemon address (UDP, and TCP for sampling, which no benchmark uses). */
  static final String DAEMON_ADDRESS = "com.amazonaws.xray.emitters.daemonAddress";
  /** The shim's OTLP endpoint. */
  static final String TRACEKIT_ENDPOINT = "tracekit.endpoint";
  /** The OpenTelemetry exporter's endpoint (set by the benchmark code, not by autoconfigure). */
  static final String OTEL_ENDPOINT = "bench.otlp.endpoint";

  private SinkProperties() {}

  /** Returns the value of {@code name}, which must be a loopback address. */
  static String require(String name) {
    String value = System.getProperty(name);
    if (value == null || !(value.contains("127.0.0.1") || value.contains("localhost"))) {
      throw new IllegalStateException(
          "System property " + name + " must point at the loopback sink (run benchmarks/run.sh); was " + value);
    }
    return value;
  }

  /** Checks both X-Ray-API contenders' properties: the real SDK's daemon and the shim's endpoint. */
  static void requireXRayApiSinks() {
    require(DAEMON_ADDRESS);
    require(TRACEKIT_ENDPOINT);
  }
}

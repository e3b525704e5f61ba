package dev.tracekit.compat.xray.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.xray.reference.XRayReference;
import org.junit.jupiter.api.Test;

/**
 * What only a fresh JVM can show: the service name TraceKit starts with when the X-Ray API starts
 * it (TRACEKIT_SERVICE_NAME, else AWS_XRAY_TRACING_NAME, else the first segment's name; given here
 * as their system properties), the environment variable {@code AWS_XRAY_CONTEXT_MISSING} winning
 * over the system property (a JVM cannot change its own environment), and the LOG_ERROR default
 * logging a few lines, not one per call, compared with the real SDK in the same conditions.
 */
class SeparateJvmTest {
  private static final String CONTEXT_MISSING_PROPERTY = "com.amazonaws.xray.strategy.contextMissingStrategy";
  private static final String SUPPRESSING = "Suppressing AWS X-Ray context missing exception";

  @Test
  void traceKitServiceNameWinsOverTheXrayTracingName() throws Exception {
    assertThat(serviceNameWith("tracekit.serviceName", "checkout-tk", "com.amazonaws.xray.strategy.tracingName", "checkout-xray"))
        .isEqualTo("checkout-tk");
  }

  @Test
  void xrayTracingNameWinsOverTheSegmentName() throws Exception {
    assertThat(serviceNameWith("com.amazonaws.xray.strategy.tracingName", "checkout-xray", null, null))
        .isEqualTo("checkout-xray");
  }

  @Test
  void segmentNameIsTheServiceNameWhenNothingIsConfigured() throws Exception {
    assertThat(serviceNameWith(null, null, null, null)).isEqualTo("legacy-app");
  }

  private static String serviceNameWith(String key1, String value1, String key2, String value2) throws Exception {
    try (OtlpBackend backend = new OtlpBackend()) {
      ChildJvm jvm =
          XRayReference.SHIM.childJvm("legacyapp.LegacyApp")
              .property("tracekit.endpoint", backend.endpoint())
              .property("tracekit.apiKey", OtlpBackend.API_KEY);
      if (key1 != null) {
        jvm.property(key1, value1);
      }
      if (key2 != null) {
        jvm.property(key2, value2);
      }
      jvm.run("service-name-" + (value1 == null ? "default" : value1)).assertSucceeded();
      assertThat(backend.awaitSpans(5, 30)).hasSize(5);
      return backend.resource().get("service.name").getStringValue();
    }
  }

  @Test
  void contextMissingEnvironmentVariableWinsOverTheSystemPropertyLikeTheRealSdk() throws Exception {
    for (boolean real : new boolean[] {true, false}) {
      ChildJvm jvm = real
          ? XRayReference.REAL.childJvm("legacyapp.ContextMissingProbe")
          : XRayReference.SHIM.childJvm("legacyapp.ContextMissingProbe");
      ChildJvm.Result run = jvm.env("AWS_XRAY_CONTEXT_MISSING", "IGNORE_ERROR")
          .property(CONTEXT_MISSING_PROPERTY, "RUNTIME_ERROR")
          .args("1")
          .run("context-missing-env-" + (real ? "real" : "shim"))
          .assertSucceeded();
      assertThat(run.line("STRATEGY")).as(real ? "real SDK" : "shim").isEqualTo("IgnoreErrorContextMissingStrategy");
      assertThat(run.line("OUTCOME")).as(real ? "real SDK" : "shim").isEqualTo("no exception");
    }
  }

  @Test
  void contextMissingSystemPropertyAloneChoosesRuntimeErrorLikeTheRealSdk() throws Exception {
    for (boolean real : new boolean[] {true, false}) {
      ChildJvm jvm = real
          ? XRayReference.REAL.childJvm("legacyapp.ContextMissingProbe")
          : XRayReference.SHIM.childJvm("legacyapp.ContextMissingProbe");
      ChildJvm.Result run = jvm.property(CONTEXT_MISSING_PROPERTY, "RUNTIME_ERROR")
          .args("1")
          .run("context-missing-property-" + (real ? "real" : "shim"))
          .assertSucceeded();
      assertThat(run.line("OUTCOME")).as(real ? "real SDK" : "shim")
          .isEqualTo("threw com.amazonaws.xray.exceptions.SubsegmentNotFoundException");
    }
  }

  @Test
  void logErrorDefaultLogsAFewLinesWhereTheRealSdkLogsEveryCall() throws Exception {
    ChildJvm.Result real =
        XRayReference.REAL.childJvm("legacyapp.ContextMissingProbe").args("200").run("log-error-real").assertSucceeded();
    ChildJvm.Result shim =
        XRayReference.SHIM.childJvm("legacyapp.ContextMissingProbe").args("10000").run("log-error-shim").assertSucceeded();

    assertThat(real.line("STRATEGY")).isEqualTo("DefaultContextMissingStrategy");
    assertThat(shim.line("STRATEGY")).isEqualTo("DefaultContextMissingStrategy");
    assertThat(real.count(SUPPRESSING)).isEqualTo(200);
    assertThat(shim.count(SUPPRESSING)).as(shim.output).isBetween(1, 5);
    assertThat(shim.line("OUTCOME")).isEqualTo("no exception");
  }
}

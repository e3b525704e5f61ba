package dev.tracekit.compat.xray.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.xray.reference.XRayReference;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A legacy app whose TraceKit settings are partly unusable, configured from outside as in
 * production (system properties, environment variables of a fresh JVM): its X-Ray calls keep
 * working, a bad value costs only its own setting and is named once, without quoting the key; an
 * endpoint that cannot be used makes the spans print to stderr instead, said once. The child's
 * whole output is searched for the key (see {@code ChildJvm#run}).
 */
class MisconfigurationInSeparateJvmTest {
  @Test
  void anApiKeyWithASpaceIsIgnoredWithOneWarningWithoutQuotingTheKey() throws Exception {
    try (OtlpBackend backend = new OtlpBackend()) {
      ChildJvm.Result run =
          XRayReference.SHIM.childJvm("legacyapp.LegacyApp")
              .property("tracekit.endpoint", backend.endpoint())
              .property("tracekit.apiKey", TestSecrets.API_KEY + " pasted-with-a-space")
              .run("invalid-api-key")
              .assertSucceeded();

      assertThat(run.count("Invalid TraceKit setting: tracekit.apiKey")).as(run.output).isEqualTo(1);
      assertThat(run.output).contains("using no API key instead").doesNotContain("pasted-with-a-space");
      assertThat(TestSecrets.containsSecret(run.output)).isFalse();
      // The rest of the configuration stands: the spans go to the endpoint, without a key.
      RecordedRequest request = backend.takeUnchecked(10);
      assertThat(request).as(run.output).isNotNull();
      assertThat(request.getHeader("X-API-Key")).isNull();
    }
  }

  @Test
  void plainHttpToARemoteHostFromTheEnvironmentPrintsSpansInsteadNamingTheVariable() throws Exception {
    // Refused before any connection: nothing ever goes to 10.0.0.1.
    ChildJvm.Result run =
        XRayReference.SHIM.childJvm("legacyapp.LegacyApp")
            .env("TRACEKIT_API_KEY", TestSecrets.API_KEY)
            .env("TRACEKIT_ENDPOINT", "HTTP://10.0.0.1:4318/v1/traces")
            .run("insecure-endpoint-from-environment")
            .assertSucceeded();

    assertThat(run.count("TraceKit cannot send spans: TRACEKIT_ENDPOINT uses plain http://")).as(run.output)
        .isEqualTo(1);
    assertThat(run.output)
        .contains("TRACEKIT_ALLOW_INSECURE")
        .contains("They print to stderr instead")
        .contains("TraceKit started: exporter console (stderr, because TRACEKIT_ENDPOINT uses plain http://");
    assertThat(run.output).as("the spans, printed").containsPattern("\\n  \\S.*SERVER");
    assertThat(TestSecrets.containsSecret(run.output)).isFalse();
  }
}

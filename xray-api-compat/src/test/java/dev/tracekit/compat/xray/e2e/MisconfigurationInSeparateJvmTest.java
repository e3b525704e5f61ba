package dev.tracekit.compat.xray.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.secrets.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * A legacy app whose TraceKit settings are unusable, configured from outside as in production
 * (system properties, environment variables of a fresh JVM): its X-Ray calls keep working,
 * TraceKit stays off and says why, naming the setting, and neither the key nor anything else is
 * sent. The child's whole output is searched for the key (see {@code SeparateJvm#run}).
 */
class MisconfigurationInSeparateJvmTest {
  private static final String DISABLED = "TraceKit is disabled";

  @Test
  void anApiKeyWithASpaceDisablesTraceKitWithoutQuotingTheKey() throws Exception {
    try (OtlpBackend backend = new OtlpBackend()) {
      SeparateJvm.Result run =
          SeparateJvm.onShim("legacyapp.LegacyApp")
              .property("tracekit.endpoint", backend.endpoint())
              .property("tracekit.apiKey", TestSecrets.API_KEY + " pasted-with-a-space")
              .run("invalid-api-key")
              .assertSucceeded();

      assertThat(run.count(DISABLED)).as(run.output).isEqualTo(1);
      assertThat(run.output).contains("tracekit.apiKey").doesNotContain("pasted-with-a-space");
      assertThat(TestSecrets.containsSecret(run.output)).isFalse();
      assertThat(backend.spans()).isEmpty();
    }
  }

  @Test
  void plainHttpToARemoteHostFromTheEnvironmentDisablesTraceKitNamingTheVariable() throws Exception {
    // Refused before any connection: nothing ever goes to 10.0.0.1.
    SeparateJvm.Result run =
        SeparateJvm.onShim("legacyapp.LegacyApp")
            .env("TRACEKIT_API_KEY", TestSecrets.API_KEY)
            .env("TRACEKIT_ENDPOINT", "HTTP://10.0.0.1:4318/v1/traces")
            .run("insecure-endpoint-from-environment")
            .assertSucceeded();

    assertThat(run.count(DISABLED)).as(run.output).isEqualTo(1);
    assertThat(run.output)
        .contains("TRACEKIT_ENDPOINT uses plain http://")
        .contains("TRACEKIT_ALLOW_INSECURE");
    assertThat(TestSecrets.containsSecret(run.output)).isFalse();
  }
}

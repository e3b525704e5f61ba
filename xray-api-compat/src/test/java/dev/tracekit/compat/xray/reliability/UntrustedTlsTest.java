package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Locale;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A TLS receiver whose certificate the JVM does not trust is refused: no request reaches it, the
 * spans count as failed, and no setting can turn verification off (issue 6).
 */
class UntrustedTlsTest {
  private final ScriptedOtlpReceiver backend = new ScriptedOtlpReceiver().behave(spans -> new MockResponse());

  @AfterEach
  void stop() throws IOException {
    TraceKit.shutdown();
    backend.close();
  }

  @Test
  void aSelfSignedReceiverIsRefusedAndTheSpansCountAsFailed() throws IOException {
    HeldCertificate selfSigned =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    HandshakeCertificates serverCertificates =
        new HandshakeCertificates.Builder().heldCertificate(selfSigned).build();
    backend.server().useHttps(serverCertificates.sslSocketFactory(), false);
    backend.start(0);

    TracedApp app =
        TracedApp.start(
            "https://localhost:" + backend.server().getPort() + "/v1/traces", 64, 64, 1_000);
    app.produce("untrusted", 5);
    PipelineStats stats = app.flushAndAccount();

    assertThat(stats.getSpansFailed()).isEqualTo(10);
    assertThat(stats.getSpansExported()).isZero();
    assertThat(backend.requestCount()).as("requests that got past the handshake").isZero();
  }

  @Test
  void noSettingTurnsCertificateVerificationOff() {
    for (Method method : TraceKitConfig.Builder.class.getMethods()) {
      String name = method.getName().toLowerCase(Locale.ROOT);
      assertThat(name).doesNotContain("trust", "verif", "ssl", "tls", "hostname", "certificate");
    }
  }
}

package dev.tracekit.compat.xray.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code DefaultThrowableSerializationStrategy} marks the same exceptions {@code remote} as the
 * real SDK: by default only {@code UncheckedIOException}, otherwise exactly the given classes. The
 * X-Ray AWS SDK v1 handler relies on this (it leaves its service exceptions unmarked), as the
 * integration-tests module's RealCoreDifferentialTest showed.
 */
class ThrowableRemoteReferenceTest {
  @Test
  void remoteFlagsMatchTheRealSdk() {
    @SuppressWarnings("unchecked")
    Map<String, Object> real =
        (Map<String, Object>) XRayReference.REAL.call("scenarios.Throwables", "remoteFlags");
    Object shim = XRayReference.SHIM.call("scenarios.Throwables", "remoteFlags");

    assertThat(real)
        .containsEntry("default UncheckedIOException", true)
        .containsEntry("default RuntimeException", false);
    assertThat(shim).isEqualTo(real);
  }
}

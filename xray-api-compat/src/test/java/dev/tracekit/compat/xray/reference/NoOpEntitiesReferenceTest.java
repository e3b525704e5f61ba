package dev.tracekit.compat.xray.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The entities that record nothing (no-op segment and subsegment of unsampled requests and of a
 * missing context, the public dummy segment and subsegment) answer every query method as the real
 * SDK's do, value for value, and fail (or not) on the same calls, before and after the app writes
 * into them. The program {@code scenarios.NoOpEntities} runs on both runtimes (see {@link
 * XRayReference}).
 */
class NoOpEntitiesReferenceTest {
  private static final String PROGRAM = "scenarios.NoOpEntities";

  @ParameterizedTest
  @ValueSource(strings = {
      "noOpSegment", "recorderNoOpSegment", "unsampledSegment", "noOpSubsegment",
      "unsampledSubsegment", "contextMissingSubsegment", "dummySegment", "dummySubsegment"})
  void gettersAnswerLikeTheRealSdks(String kind) {
    Map<String, String> real = run(XRayReference.REAL, "getters", kind);
    assertThat(real).containsKeys("getId", "getParent", "isSampled", "serialize");
    assertThat(XRayReference.differences(real, run(XRayReference.SHIM, "getters", kind))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "noOpSegment", "recorderNoOpSegment", "unsampledSegment", "noOpSubsegment",
      "unsampledSubsegment", "contextMissingSubsegment", "dummySegment", "dummySubsegment"})
  void writesAreIgnoredLikeTheRealSdks(String kind) {
    Map<String, String> real = run(XRayReference.REAL, "gettersAfterWrites", kind);
    assertThat(XRayReference.differences(real, run(XRayReference.SHIM, "gettersAfterWrites", kind))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "noOpSegment", "recorderNoOpSegment", "noOpSubsegment", "dummySegment", "dummySubsegment"})
  void traceHeaderAndCurrentIdsAreTheRealSdks(String kind) {
    Map<String, String> real = run(XRayReference.REAL, "propagation", kind);
    assertThat(XRayReference.differences(real, run(XRayReference.SHIM, "propagation", kind))).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> run(XRayReference runtime, String method, String kind) {
    return (Map<String, String>) runtime.call(PROGRAM, method, kind);
  }
}

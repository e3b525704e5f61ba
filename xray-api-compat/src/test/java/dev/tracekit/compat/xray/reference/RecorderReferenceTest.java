package dev.tracekit.compat.xray.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recorder behaves as the real SDK's for the same calls: segment listener callbacks, the calls
 * a custom emitter receives (with streaming past 100 subsegments), what each context-missing
 * strategy does, and what the {@code create*} helpers record and rethrow. The program {@code
 * scenarios.Recorders} runs on both runtimes (see {@link XRayReference}).
 */
class RecorderReferenceTest {

  @Test
  void segmentListenerSeesTheSameCallbacksAsWithTheRealSdk() {
    Object real = XRayReference.REAL.call("scenarios.Recorders", "listenerCallbacks");
    assertThat(real).asInstanceOf(InstanceOfAssertFactories.LIST)
        .anyMatch(event -> String.valueOf(event).startsWith("onBeginSegment request"))
        .anyMatch(event -> String.valueOf(event).startsWith("onSetEntity outer -> inner"));
    assertThat(XRayReference.SHIM.call("scenarios.Recorders", "listenerCallbacks")).isEqualTo(real);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 100, 101, 150})
  void customEmitterReceivesTheSameCallsAsWithTheRealSdk(int subsegments) {
    Object real = XRayReference.REAL.call("scenarios.Recorders", "emitterCalls", subsegments);
    assertThat(XRayReference.SHIM.call("scenarios.Recorders", "emitterCalls", subsegments))
        .isEqualTo(real);
  }

  @Test
  void streamingPastOneHundredSubsegmentsSendsThemOnTheirOwn() {
    @SuppressWarnings("unchecked")
    List<String> real = (List<String>) XRayReference.REAL.call("scenarios.Recorders", "emitterCalls", 150);
    assertThat(real).filteredOn(call -> call.startsWith("subsegment ")).isNotEmpty();
    assertThat(real).filteredOn(call -> call.startsWith("segment ")).hasSize(1);
  }

  @Test
  void segmentEndedBeforeItsSubsegmentIsEmittedLikeTheRealSdk() {
    assertThat(XRayReference.SHIM.call("scenarios.Recorders", "segmentEndedBeforeItsSubsegment"))
        .isEqualTo(XRayReference.REAL.call("scenarios.Recorders", "segmentEndedBeforeItsSubsegment"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RUNTIME_ERROR", "LOG_ERROR", "IGNORE_ERROR"})
  void contextMissingStrategyActsLikeTheRealSdks(String strategy) {
    Object real = XRayReference.REAL.call("scenarios.Recorders", "contextMissing", strategy);
    assertThat(XRayReference.SHIM.call("scenarios.Recorders", "contextMissing", strategy))
        .isEqualTo(real);
  }

  /** The spans' side (the subsegment's span under the new id) is in {@code MixedContextTest}. */
  @Test
  void subsegmentsBegunAfterTheCurrentSegmentChangedItsIdPointToTheNewId() {
    Object real = XRayReference.REAL.call("scenarios.Recorders", "setIdOnTheCurrentSegment");
    assertThat(real).asString().contains("subsegment document names the new id as parent=true");
    assertThat(XRayReference.SHIM.call("scenarios.Recorders", "setIdOnTheCurrentSegment")).isEqualTo(real);
  }

  @Test
  void createHelpersRecordAndRethrowLikeTheRealSdk() {
    Object real = XRayReference.REAL.call("scenarios.Recorders", "createHelpers");
    assertThat(XRayReference.SHIM.call("scenarios.Recorders", "createHelpers")).isEqualTo(real);
  }
}

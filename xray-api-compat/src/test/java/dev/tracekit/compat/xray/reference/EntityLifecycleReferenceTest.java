package dev.tracekit.compat.xray.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Entities built and ended directly, without a recorder's begin and end calls, live the real SDK's
 * life cycle: the same changes are reported as "already emitted" to the context-missing strategy
 * (as often, and thrown under RUNTIME_ERROR) in every state, and ending twice or after streaming
 * reports the same. The program {@code scenarios.EntityLifecycle} runs on both runtimes (see {@link
 * XRayReference}).
 *
 * <p>Two differences are deliberate (migration guide §5): a subsegment ended again is not counted
 * out of its segment a second time, and its end never has the segment sent again (the real SDK's
 * {@code end()} returns true again, so a recorder sends the segment twice).
 */
class EntityLifecycleReferenceTest {
  private static final String PROGRAM = "scenarios.EntityLifecycle";
  private static final String ALREADY_EMITTED = "reported [AlreadyEmittedException Segment ";
  // The steps that end a subsegment again when its end leaves its ended segment ready to send.
  private static final List<String> ENDED_AGAIN = Arrays.asList(
      "ended after its segment: subsegment end() again",
      "ended twice, segment open: subsegment end() a third time",
      "many siblings: first subsegment end() again");

  @ParameterizedTest
  @ValueSource(strings = {
      "segment ended", "subsegment ended after its segment", "subsegment streamed"})
  void everyChangeToAnEmittedEntityIsReportedAsTheRealSdkReportsIt(String state) {
    Map<String, String> real = run(XRayReference.REAL, "mutators", state);
    Map<String, String> shim = run(XRayReference.SHIM, "mutators", state);

    assertThat(real).hasSizeGreaterThan(35);
    real.forEach((method, outcome) -> {
      if (method.startsWith("removeSubsegment")) {
        assertThat(outcome).isEqualTo("reported []");
      } else {
        assertThat(outcome).as(method).startsWith(ALREADY_EMITTED).doesNotContain("threw");
      }
    });
    assertThat(XRayReference.differences(real, shim)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "segment in progress", "segment ended with a subsegment open", "subsegment in progress",
      "subsegment ended, segment in progress", "subsegment ended before its segment ended"})
  void entitiesNotEmittedReportNothing(String state) {
    Map<String, String> real = run(XRayReference.REAL, "mutators", state);
    Map<String, String> shim = run(XRayReference.SHIM, "mutators", state);

    assertThat(real).hasSizeGreaterThan(35);
    real.forEach((method, outcome) -> {
      if (state.endsWith("before its segment ended") && method.equals("end()")) {
        // Ended again: its segment, emitted by its own end(), is counted down again.
        assertThat(outcome).isEqualTo(ALREADY_EMITTED + "segment has already been emitted.]");
      } else {
        assertThat(outcome).as(method).isEqualTo("reported []");
      }
    });
    assertThat(XRayReference.differences(real, shim)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"RECORDING", "RUNTIME_ERROR"})
  void endingTwiceAndAfterStreamingReportsWhatTheRealSdkReports(String strategy) {
    Map<String, String> real = run(XRayReference.REAL, "sequences", strategy);
    Map<String, String> shim = run(XRayReference.SHIM, "sequences", strategy);

    if (strategy.equals("RUNTIME_ERROR")) {
      assertThat(real.get("segment end() again"))
          .isEqualTo("threw AlreadyEmittedException: Segment twice has already been emitted.");
      assertThat(real.get("ended after its segment: subsegment end() again"))
          .isEqualTo("threw AlreadyEmittedException: Segment sub has already been emitted.");
      assertThat(real.get("many siblings: first subsegment end() again"))
          .isEqualTo("threw AlreadyEmittedException: Segment streamed has already been emitted.");
    } else {
      assertThat(real.get("segment putAnnotation after end"))
          .isEqualTo("returned applied, " + ALREADY_EMITTED + "twice has already been emitted.]");
    }
    assertThat(withoutDeliberateDifferences(shim)).isEqualTo(withoutDeliberateDifferences(real));
    // What the deliberate differences are: the real SDK counts the subsegment out again...
    String state = "ended twice, segment open: state";
    assertThat(real.get(state)).endsWith("reference count -1");
    assertThat(shim.get(state)).endsWith("reference count 0");
    // ... and its end asks for the segment to be sent again; the shim's never does.
    for (String endedAgain : ENDED_AGAIN) {
      if (real.get(endedAgain).startsWith("returned")) {
        assertThat(real.get(endedAgain)).as(endedAgain).startsWith("returned true");
        assertThat(shim.get(endedAgain)).as(endedAgain).startsWith("returned false");
      }
    }
  }

  /** The outcomes with the deliberate differences taken out: the reports stay. */
  private static Map<String, String> withoutDeliberateDifferences(Map<String, String> outcomes) {
    Map<String, String> out = new TreeMap<>(outcomes);
    out.computeIfPresent("ended twice, segment open: state",
        (key, value) -> value.replaceAll(", segment's reference count -?\\d+", ""));
    for (String endedAgain : ENDED_AGAIN) {
      out.computeIfPresent(endedAgain, (key, value) -> value.replaceFirst("^returned (true|false)", "returned"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> run(XRayReference runtime, String method, String argument) {
    return (Map<String, String>) runtime.call(PROGRAM, method, argument);
  }
}

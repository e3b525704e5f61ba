package legacyapp;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;

/**
 * Builds a recorder from the configuration (environment and system properties only) and ends a
 * subsegment that does not exist {@code args[0]} times; prints the strategy and the outcome.
 */
public final class ContextMissingProbe {
  private ContextMissingProbe() {}

  public static void main(String[] args) {
    int calls = Integer.parseInt(args[0]);
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();
    String outcome = "no exception";
    for (int i = 0; i < calls; i++) {
      try {
        recorder.endSubsegment();
      } catch (RuntimeException e) {
        outcome = "threw " + e.getClass().getName();
        break;
      }
    }
    System.out.println("STRATEGY " + recorder.getContextMissingStrategy().getClass().getSimpleName());
    System.out.println("OUTCOME " + outcome);
  }
}

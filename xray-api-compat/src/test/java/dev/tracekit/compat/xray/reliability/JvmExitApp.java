package dev.tracekit.compat.xray.reliability;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;

/**
 * The child JVM of {@link JvmExitTest}: a drop-in app (TraceKit starts from the {@code tracekit.*}
 * system properties on the first export, with its JVM shutdown hook) records {@code args[0]}
 * segments with a subsegment each, then returns from {@code main} without shutting anything down.
 * It prints {@code MAIN_RETURNS <epoch millis>} last.
 */
final class JvmExitApp {
  private JvmExitApp() {}

  public static void main(String[] args) {
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
    int segments = Integer.parseInt(args[0]);
    for (int i = 0; i < segments; i++) {
      recorder.beginSegment("exit-" + i);
      recorder.beginSubsegment("exit-" + i + "-sub");
      recorder.endSubsegment();
      recorder.endSegment();
    }
    System.out.println("MAIN_RETURNS " + System.currentTimeMillis());
  }
}

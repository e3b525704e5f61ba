package dev.tracekit.compat.bench;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import com.amazonaws.xray.strategy.sampling.NoSamplingStrategy;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Scenarios (a), (b) and (d) written against the X-Ray API. Compiled against the real
 * aws-xray-recorder-sdk-core 2.21.0 and run, unchanged, on its class path (UDP to a loopback daemon
 * stand-in) and on the shim's (OTLP/HTTP to a loopback receiver): the shim run is also a binary
 * drop-in check. Both use the recorder's default settings except the sampling strategy.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class XRayApiBenchmark {

  /** A recorder with a sampling strategy, built once per fork. */
  abstract static class RecorderState {
    AWSXRayRecorder recorder;

    void build(SamplingStrategy strategy) {
      SinkProperties.requireXRayApiSinks();
      recorder = AWSXRayRecorderBuilder.standard().withSamplingStrategy(strategy).build();
    }

    /** Prints the shim's pipeline counts after a trial (nothing on the real SDK's class path). */
    void report(BenchmarkParams params) {
      if (Contender.isShim()) {
        ShimReport.print(params.getBenchmark());
      }
    }
  }

  /** Samples every request. */
  @State(Scope.Thread)
  public static class Sampled extends RecorderState {
    @Setup(Level.Trial)
    public void setUp() {
      build(new AllSamplingStrategy());
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
      report(params);
    }
  }

  /** Samples nothing. */
  @State(Scope.Thread)
  public static class Unsampled extends RecorderState {
    @Setup(Level.Trial)
    public void setUp() {
      build(new NoSamplingStrategy());
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
      report(params);
    }
  }

  /**
   * A sampled segment kept open for a whole iteration, for scenario (a). Both implementations stream
   * its ended subsegments once it holds more than 100, so it stays small.
   */
  @State(Scope.Thread)
  public static class OpenSegment extends RecorderState {
    @Setup(Level.Trial)
    public void setUp() {
      build(new AllSamplingStrategy());
    }

    @Setup(Level.Iteration)
    public void beginSegment() {
      recorder.beginSegmentWithSampling("bench-open-segment");
    }

    @TearDown(Level.Iteration)
    public void endSegment() {
      recorder.endSegment();
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
      report(params);
    }
  }

  /** (a) One subsegment begun, given 2 annotations and 1 metadata entry, and ended. */
  @Benchmark
  public void a_subsegment(OpenSegment state) {
    AWSXRayRecorder recorder = state.recorder;
    Subsegment subsegment = recorder.beginSubsegment("load-cart");
    subsegment.putAnnotation("customer", "c-42");
    subsegment.putAnnotation("items", 3);
    subsegment.putMetadata("note", "gift wrap");
    recorder.endSubsegment();
  }

  /** (b) A whole sampled request: a segment and 3 nested subsegments, with annotations. */
  @Benchmark
  public void b_request(Sampled state) {
    request(state.recorder);
  }

  /** (d) The same request, unsampled by the sampling strategy. */
  @Benchmark
  public void d_unsampled(Unsampled state) {
    request(state.recorder);
  }

  /** A request as a servlet filter and app code record it; sampling decided by the strategy. */
  static void request(AWSXRayRecorder recorder) {
    Segment segment = recorder.beginSegmentWithSampling("checkout");
    segment.putAnnotation("route", "/checkout");
    Subsegment cart = recorder.beginSubsegment("load-cart");
    cart.putAnnotation("customer", "c-42");
    cart.putAnnotation("items", 3);
    Subsegment price = recorder.beginSubsegment("price");
    price.putAnnotation("currency", "EUR");
    price.putAnnotation("discounted", true);
    Subsegment query = recorder.beginSubsegment("query");
    query.putAnnotation("table", "carts");
    query.putAnnotation("rows", 12);
    recorder.endSubsegment();
    recorder.endSubsegment();
    recorder.endSubsegment();
    recorder.endSegment();
  }
}

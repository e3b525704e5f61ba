package dev.tracekit.compat.bench;

import dev.tracekit.compat.bench.sink.LoopbackSink;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The end-to-end throughput benchmark: app threads record requests (a segment and 3 nested
 * subsegments, as in scenario (b): 4 spans each) as fast as they can, with the contender's default
 * pipeline settings, to an in-process {@link LoopbackSink} that counts what it receives; the clock
 * stops when the last span arrives. One contender per JVM, on its own class path (see run.sh).
 *
 * <pre>
 * EndToEnd xray|shim|otel SPANS THREADS RESULT_FILE [OTEL_MAX_QUEUE]
 * EndToEnd shim-queue-probe RESULT_FILE
 * </pre>
 *
 * <p>Before the measured run, a warm-up run of a tenth of the spans is recorded and delivered, so
 * that the measured run sees compiled code; its counts are subtracted.
 */
public final class EndToEnd {
  private EndToEnd() {}

  /** Runs one contender; see the class comment. */
  public static void main(String[] args) throws Exception {
    String contender = args.length > 0 ? args[0] : "";
    Outcome outcome;
    Path resultFile;
    if (contender.equals("shim-queue-probe") && args.length == 2) {
      resultFile = Paths.get(args[1]);
      outcome = ShimQueueProbe.run();
    } else if (args.length >= 4) {
      int spans = Integer.parseInt(args[1]);
      int threads = Integer.parseInt(args[2]);
      resultFile = Paths.get(args[3]);
      int requestsPerThread = spans / 4 / threads;
      if (requestsPerThread * 4 * threads != spans) {
        throw new IllegalArgumentException("SPANS must be a multiple of 4 x THREADS");
      }
      try (LoopbackSink sink = LoopbackSink.start()) {
        switch (contender) {
          case "xray":
          case "shim":
            if (Contender.isShim() != contender.equals("shim")) {
              throw new IllegalStateException(contender + " asked for, but the class path has the other X-Ray API");
            }
            outcome = XRayEndToEnd.run(contender, threads, requestsPerThread, sink);
            break;
          case "otel":
            int maxQueue = args.length > 4 ? Integer.parseInt(args[4]) : 0;
            outcome = OtelEndToEnd.run(threads, requestsPerThread, sink, maxQueue);
            break;
          default:
            throw new IllegalArgumentException("unknown contender " + contender);
        }
        outcome.put("sink", sink.statsJson());
      }
    } else {
      System.err.println(
          "usage: EndToEnd xray|shim|otel SPANS THREADS RESULT_FILE [OTEL_MAX_QUEUE]\n"
              + "       EndToEnd shim-queue-probe RESULT_FILE");
      System.exit(2);
      return;
    }
    outcome.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    outcome.write(resultFile);
    System.out.println(outcome);
    // The pipelines' daemon threads do not hold the JVM; X-Ray's and OTel's non-daemon ones might.
    System.exit(0);
  }

  /** Fills the common fields of a measured run. */
  static Outcome measured(
      String contender, int threads, long produced, long received, long[] window, long lastReceived) {
    double produceSeconds = (window[1] - window[0]) / 1e9;
    double endToEndSeconds = (Math.max(lastReceived, window[1]) - window[0]) / 1e9;
    return new Outcome()
        .put("contender", contender)
        .put("threads", threads)
        .put("produced", produced)
        .put("received", received)
        .put("produceSeconds", produceSeconds)
        .put("endToEndSeconds", endToEndSeconds)
        .put("producedPerSecond", Math.round(produced / produceSeconds))
        .put("receivedPerSecond", Math.round(received / endToEndSeconds));
  }
}

package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.testing.OtlpCollector;
import dev.tracekit.compat.testing.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * A loopback OTLP collector with the TraceKit pipeline pointed at it, for one test class: {@link
 * #inSegment} runs an instrumented call the way an app does (inside an X-Ray segment, through the
 * global recorder the integration modules use) and returns the spans that arrived for that trace.
 */
final class TracedCalls implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final OtlpCollector collector;

  private TracedCalls(OtlpCollector collector) {
    this.collector = collector;
  }

  static TracedCalls start() {
    OtlpCollector collector = OtlpCollector.start();
    TraceKit.init(
        TraceKitConfig.builder()
            .setEndpoint(collector.getEndpoint())
            .setApiKey(TestSecrets.API_KEY)
            .setServiceName("integration-tests")
            .setShutdownHook(false)
            .build());
    return new TracedCalls(collector);
  }

  /** A call made by the code under test; it may throw, as a failing client call does. */
  interface Call {
    void run() throws Exception;
  }

  /**
   * Runs {@code call} inside a new segment named {@code segmentName}, ends the segment, flushes,
   * and returns the trace as the collector received it.
   */
  Trace inSegment(String segmentName, Call call) {
    Segment segment = AWSXRay.beginSegment(segmentName);
    Throwable thrown = null;
    try {
      call.run();
    } catch (Exception e) {
      thrown = e;
    } finally {
      AWSXRay.endSegment();
    }
    String traceId = segment.getTraceId().toString().substring(2).replace("-", "");
    assertThat(TraceKit.flush()).as("TraceKit flushed in time").isTrue();
    List<ReceivedSpan> spans =
        collector.await(
            "the segment '" + segmentName + "'",
            all -> all.stream().anyMatch(s -> s.getTraceId().equals(traceId) && s.isRoot()),
            WAIT);
    List<ReceivedSpan> trace =
        spans.stream().filter(s -> s.getTraceId().equals(traceId)).collect(Collectors.toList());
    return new Trace(trace, thrown);
  }

  @Override
  public void close() {
    TraceKit.shutdown();
    collector.close();
  }

  /** The spans of one trace, and what the traced call threw, if anything. */
  static final class Trace {
    final List<ReceivedSpan> spans;
    @Nullable final Throwable thrown;

    Trace(List<ReceivedSpan> spans, @Nullable Throwable thrown) {
      this.spans = spans;
      this.thrown = thrown;
    }

    /** Returns the segment's span, the root of the trace. */
    ReceivedSpan root() {
      List<ReceivedSpan> roots = spans.stream().filter(ReceivedSpan::isRoot).collect(Collectors.toList());
      assertThat(roots).as("root spans of %s", spans).hasSize(1);
      return roots.get(0);
    }

    /** Returns the only span other than the root: the one the integration module recorded. */
    ReceivedSpan onlyChild() {
      ReceivedSpan root = root();
      List<ReceivedSpan> children =
          spans.stream().filter(s -> !s.isRoot()).collect(Collectors.toList());
      assertThat(children).as("spans under the segment").hasSize(1);
      assertThat(children.get(0).getParentSpanId()).isEqualTo(root.getSpanId());
      return children.get(0);
    }
  }
}

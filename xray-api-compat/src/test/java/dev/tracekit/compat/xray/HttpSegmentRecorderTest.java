package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.NoOpSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.exceptions.SegmentNotFoundException;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.RuntimeErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.sampling.SamplingRequest;
import com.amazonaws.xray.strategy.sampling.SamplingResponse;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.trace.RecordingExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter logic on an in-memory exchange: sampling decisions, the answer header, the recorded
 * request and response, and the async hand-off. Expected values observed on the X-Ray SDK 2.21.0
 * filter.
 */
class HttpSegmentRecorderTest {
  private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String PARENT = "53995c3f42cd8ad8";

  private final RecordingExporter exporter = new RecordingExporter();
  private final Strategy strategy = new Strategy();
  private AWSXRayRecorder recorder;

  /** A sampling strategy that records what it was asked and answers as told. */
  static final class Strategy implements SamplingStrategy {
    final List<SamplingRequest> requests = new ArrayList<>();
    boolean sample = true;
    boolean forced;
    boolean fail;

    @Override
    public SamplingResponse shouldTrace(SamplingRequest request) {
      requests.add(request);
      if (fail) {
        throw new IllegalStateException("broken strategy");
      }
      return new SamplingResponse(sample, "my-rule");
    }

    @Override
    public boolean isForcedSamplingSupported() {
      return forced;
    }
  }

  @BeforeEach
  void setUp() {
    TraceKit.init(TraceKitConfig.builder().setSpanExporter(exporter).setShutdownHook(false).build());
    recorder = AWSXRayRecorderBuilder.standard().withSamplingStrategy(strategy).build();
    recorder.setOrigin("AWS::EC2::Instance");
  }

  @AfterEach
  void tearDown() {
    recorder.clearTraceEntity();
    TraceKit.shutdown();
  }

  private Segment begin(FakeExchange exchange) {
    return HttpSegmentRecorder.begin(recorder, () -> "svc", exchange);
  }

  @Test
  void samplingStrategyIsAskedWithNameHostPathMethodAndOrigin() {
    begin(new FakeExchange().header("Host", "h.example:8080"));

    SamplingRequest request = strategy.requests.get(0);
    assertThat(request.getService()).contains("svc");
    assertThat(request.getHost()).contains("h.example:8080");
    assertThat(request.getUrl()).contains("/p");
    assertThat(request.getMethod()).contains("GET");
    assertThat(request.getServiceType()).contains("AWS::EC2::Instance");
  }

  @Test
  void callersDecisionWinsOverTheStrategyAndSampledSegmentsGetTheRuleName() {
    strategy.sample = false;

    Segment segment = begin(new FakeExchange().header("X-Amzn-Trace-Id", "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1"));

    assertThat(strategy.requests).as("the strategy is still asked").hasSize(1);
    assertThat(segment.isSampled()).isTrue();
    assertThat(segment.getParentId()).isEqualTo(PARENT);
    assertThat(((Map<?, ?>) segment.getAws().get("xray")).get("rule_name")).isEqualTo("my-rule");
  }

  @Test
  void forcedSamplingKeepsARecordedButUnsampledSegment() {
    strategy.sample = false;
    strategy.forced = true;
    FakeExchange exchange = new FakeExchange().header("X-Amzn-Trace-Id", "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=?");

    Segment segment = begin(exchange);

    assertThat(segment).isNotInstanceOf(NoOpSegment.class);
    assertThat(segment.isSampled()).isFalse();
    assertThat(segment.getParentId()).isEqualTo(PARENT);
    assertThat(((Map<?, ?>) segment.getAws().get("xray")).get("rule_name")).isNull();
    assertThat(exchange.responseHeaders).containsEntry("X-Amzn-Trace-Id", "Root=" + ROOT + ";Sampled=0");
  }

  @Test
  void parentWithoutRootIsDropped() {
    FakeExchange exchange = new FakeExchange().header("X-Amzn-Trace-Id", "Parent=" + PARENT + ";Sampled=1");

    Segment segment = begin(exchange);

    assertThat(segment.getParentId()).isNull();
    assertThat(segment.getTraceId().toString()).isNotEqualTo(ROOT);
    assertThat(exchange.responseHeaders.get("X-Amzn-Trace-Id")).isEqualTo("Root=" + segment.getTraceId() + ";");
  }

  @Test
  void unsampledRequestWithoutRootGetsTheInvalidTraceIdUnlessIdsAreForced() {
    strategy.sample = false;

    Segment plain = begin(new FakeExchange());
    recorder.clearTraceEntity();
    recorder.setForcedTraceIdGeneration(true);
    Segment forced = begin(new FakeExchange());

    assertThat(plain.getTraceId().toString()).isEqualTo("1-00000000-000000000000000000000000");
    assertThat(forced.getTraceId().toString()).isNotEqualTo("1-00000000-000000000000000000000000");
  }

  @Test
  void failingSamplingStrategyDoesNotSample() {
    strategy.fail = true;

    assertThat(begin(new FakeExchange()).isSampled()).isFalse();
  }

  @Test
  void requestWithoutANameIsNotTracedAndNotAnswered() {
    FakeExchange blank = new FakeExchange();
    FakeExchange failing = new FakeExchange();

    Segment unnamed = HttpSegmentRecorder.begin(recorder, () -> " ", blank);
    recorder.clearTraceEntity();
    Segment broken = HttpSegmentRecorder.begin(recorder, () -> {
      throw new IllegalStateException("naming failed");
    }, failing);
    recorder.clearTraceEntity();
    Segment notHttp = HttpSegmentRecorder.begin(recorder, () -> "svc", null);

    assertThat(unnamed).isInstanceOf(NoOpSegment.class);
    assertThat(broken).isInstanceOf(NoOpSegment.class);
    assertThat(notHttp).isInstanceOf(NoOpSegment.class);
    assertThat(blank.responseHeaders).isEmpty();
    assertThat(failing.responseHeaders).isEmpty();
    assertThat(strategy.requests).isEmpty();
  }

  @Test
  void forwardedForIsTrustedAsGivenLikeXRay() {
    Segment empty = begin(new FakeExchange().header("X-Forwarded-For", "").header("User-Agent", ""));
    Map<?, ?> request = (Map<?, ?>) empty.getHttp().get("request");

    assertThat(request.get("client_ip")).isEqualTo("");
    assertThat(request.get("x_forwarded_for")).isEqualTo(Boolean.TRUE);
    assertThat(request.get("user_agent")).isEqualTo("");
    assertThat(request.get("url")).isEqualTo("http://h.example/p");
  }

  @Test
  void statusFlagsFollowXRayRanges() {
    int[] statuses = {0, 200, 399, 400, 428, 429, 499, 500, 599, 600};
    String[] expected = {"", "", "", "e", "e", "et", "e", "f", "f", ""};
    for (int i = 0; i < statuses.length; i++) {
      Segment segment = recorder.beginSegment("svc");
      HttpSegmentRecorder.recordResponse(segment, statuses[i], null);
      String flags = (segment.isError() ? "e" : "") + (segment.isThrottle() ? "t" : "") + (segment.isFault() ? "f" : "");
      assertThat(flags).as("status %s", statuses[i]).isEqualTo(expected[i]);
      assertThat(((Map<?, ?>) segment.getHttp().get("response")).get("status")).isEqualTo(statuses[i]);
      recorder.clearTraceEntity();
    }
  }

  @Test
  void contentLengthIsRecordedOnlyWhenItIsAnInt() {
    String[] values = {"12", "abc", " 5 ", "99999999999", null};
    Object[] expected = {12, null, null, null, null};
    for (int i = 0; i < values.length; i++) {
      Segment segment = recorder.beginSegment("svc");
      HttpSegmentRecorder.recordResponse(segment, 200, values[i]);
      assertThat(((Map<?, ?>) segment.getHttp().get("response")).get("content_length"))
          .as("Content-Length %s", values[i])
          .isEqualTo(expected[i]);
      recorder.clearTraceEntity();
    }
  }

  @Test
  void endWithoutASegmentGoesThroughTheContextMissingStrategy() {
    recorder.setContextMissingStrategy(new IgnoreErrorContextMissingStrategy());
    HttpSegmentRecorder.end(recorder, new FakeExchange());

    recorder.setContextMissingStrategy(new RuntimeErrorContextMissingStrategy());
    assertThatThrownBy(() -> HttpSegmentRecorder.end(recorder, new FakeExchange()))
        .isInstanceOf(SegmentNotFoundException.class);
  }

  @Test
  void sameThrowableIsRecordedOnce() {
    Segment segment = recorder.beginSegment("svc");
    IllegalStateException thrown = new IllegalStateException("boom");

    HttpSegmentRecorder.recordThrowable(segment, thrown);
    HttpSegmentRecorder.recordThrowable(segment, thrown);

    assertThat(segment.getCause().getExceptions()).hasSize(1);
    assertThat(segment.isFault()).isTrue();
  }

  @Test
  void asyncRequestHandsItsSegmentToTheListenerWhichEndsItOnce() {
    FakeExchange exchange = new FakeExchange();
    Segment segment = begin(exchange);
    exchange.asyncStarted = true;

    boolean endNow = HttpSegmentRecorder.afterChain(recorder, exchange, segment, false);

    assertThat(endNow).isFalse();
    assertThat(recorder.getTraceEntity()).as("the container thread is cleared").isNull();
    assertThat(exchange.listenerRegistrations).isEqualTo(1);
    exchange.status = 202;
    int[] postFilters = {0};
    Runnable postFilter = () -> {
      postFilters[0]++;
      HttpSegmentRecorder.end(recorder, exchange);
    };
    HttpSegmentRecorder.complete(recorder, exchange, postFilter);
    HttpSegmentRecorder.complete(recorder, exchange, postFilter);
    assertThat(postFilters[0]).isEqualTo(1);
    assertThat(segment.isInProgress()).isFalse();
    assertThat(((Map<?, ?>) segment.getHttp().get("response")).get("status")).isEqualTo(202);
    assertThat(recorder.getTraceEntity()).isNull();
  }

  @Test
  void asyncDispatchResumesTheWaitingSegment() {
    FakeExchange exchange = new FakeExchange();
    Segment segment = begin(exchange);
    exchange.asyncStarted = true;
    HttpSegmentRecorder.afterChain(recorder, exchange, segment, false);
    exchange.asyncStarted = false;
    exchange.asyncDispatch = true;

    assertThat(HttpSegmentRecorder.resume(recorder, exchange)).isSameAs(segment);
    assertThat(recorder.getTraceEntity()).isSameAs(segment);
    assertThat(HttpSegmentRecorder.afterChain(recorder, exchange, segment, true)).isFalse();
    assertThat(recorder.getTraceEntity()).isNull();
    assertThat(segment.isInProgress()).as("the listener ends it at completion").isTrue();
  }
}

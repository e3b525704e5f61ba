package dev.tracekit.compat.xray.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.listeners.SegmentListener;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The harness of the servlet filter tests: each test starts a real container on loopback (see
 * {@link ServletContainer}: Jetty 9.4 for javax, Tomcat 10.0 for jakarta) with the filter in front
 * of the test endpoints, sends requests with OkHttp, catches each ended segment with a segment
 * listener (for the X-Ray document) and its span with a recording TraceKit exporter.
 */
abstract class ServletFilterHarness {
  static final String TRACE_HEADER = "X-Amzn-Trace-Id";
  static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  static final String TRACE_HEX = "5759e988bd862e3fe1be46a994272793";
  static final String PARENT = "53995c3f42cd8ad8";

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
  static final AttributeKey<String> CLIENT = AttributeKey.stringKey("client.address");
  static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
  static final AttributeKey<Boolean> FORWARDED = AttributeKey.booleanKey("aws.xray.x_forwarded_for");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("http.response.body.size");
  static final AttributeKey<Boolean> ERROR = AttributeKey.booleanKey("aws.xray.error");
  static final AttributeKey<Boolean> THROTTLE = AttributeKey.booleanKey("aws.xray.throttle");
  static final AttributeKey<Boolean> FAULT = AttributeKey.booleanKey("aws.xray.fault");

  /** How the filter under test is built. */
  static final class FilterSetup {
    @Nullable final String fixedName;
    @Nullable final String fallbackName;
    @Nullable final String recognizedHosts;
    @Nullable final Map<String, String> initParameters;

    private FilterSetup(
        @Nullable String fixedName,
        @Nullable String fallbackName,
        @Nullable String recognizedHosts,
        @Nullable Map<String, String> initParameters) {
      this.fixedName = fixedName;
      this.fallbackName = fallbackName;
      this.recognizedHosts = recognizedHosts;
      this.initParameters = initParameters;
    }

    /** {@code new AWSXRayServletFilter(SegmentNamingStrategy.fixed(name), recorder)}. */
    static FilterSetup fixed(String name) {
      return new FilterSetup(name, null, null, null);
    }

    /** {@code new AWSXRayServletFilter(SegmentNamingStrategy.dynamic(fallback, hosts), recorder)}. */
    static FilterSetup dynamic(String fallbackName, String recognizedHosts) {
      return new FilterSetup(null, fallbackName, recognizedHosts, null);
    }

    /** {@code new AWSXRayServletFilter()} configured by init parameters, on the global recorder. */
    static FilterSetup initParameters(Map<String, String> parameters) {
      return new FilterSetup(null, null, null, parameters);
    }
  }

  /** A container serving the test endpoints behind the filter, on a loopback port. */
  interface Server {
    int port();

    void stop() throws Exception;
  }

  final RecordingExporter exporter = new RecordingExporter();
  final BlockingQueue<Segment> ended = new LinkedBlockingQueue<>();
  final OkHttpClient client = new OkHttpClient.Builder().callTimeout(30, TimeUnit.SECONDS).build();
  AWSXRayRecorder recorder;
  @Nullable private AWSXRayRecorder previousGlobal;
  @Nullable private Server server;

  @BeforeEach
  void setUpTracing() {
    TraceKit.init(TraceKitConfig.builder().setSpanExporter(exporter).setShutdownHook(false).build());
    recorder =
        AWSXRayRecorderBuilder.standard()
            .withSamplingStrategy(new AllSamplingStrategy())
            .withSegmentListener(
                new SegmentListener() {
                  @Override
                  public void afterEndSegment(Segment segment) {
                    ended.add(segment);
                  }
                })
            .build();
    previousGlobal = AWSXRay.getGlobalRecorder();
    AWSXRay.setGlobalRecorder(recorder);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.stop();
    }
    AWSXRay.setGlobalRecorder(previousGlobal);
    System.clearProperty("com.amazonaws.xray.strategy.tracingName");
    TraceKit.shutdown();
  }

  /** Starts {@code container} with the filter built by {@code setup}; it stops after the test. */
  final void serve(ServletContainer container, FilterSetup setup) throws Exception {
    server = container.start(setup, recorder);
  }

  final int serverPort() {
    return server.port();
  }

  /** A response as the client saw it. */
  static final class Reply {
    final int code;
    final List<String> traceHeaders;
    final String body;

    Reply(int code, List<String> traceHeaders, String body) {
      this.code = code;
      this.traceHeaders = traceHeaders;
      this.body = body;
    }

    String traceHeader() {
      assertThat(traceHeaders).as("X-Amzn-Trace-Id response headers").hasSize(1);
      return traceHeaders.get(0);
    }
  }

  /** Sends GET {@code path} with {@code headers} (name, value, name, value…). */
  final Reply get(String path, String... headers) throws IOException {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + server.port() + path);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try (Response response = client.newCall(request.build()).execute()) {
      return new Reply(response.code(), response.headers(TRACE_HEADER), response.body().string());
    }
  }

  /** Waits (bounded) for the next segment to end. */
  final Segment nextSegment() throws InterruptedException {
    Segment segment = ended.poll(20, TimeUnit.SECONDS);
    assertThat(segment).as("a segment ended").isNotNull();
    return segment;
  }

  /** Flushes TraceKit and returns the exported spans. */
  final List<SpanData> flushedSpans() {
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    return exporter.spans();
  }

  /** Waits for the next segment and returns its span. */
  final SpanData nextServerSpan() throws InterruptedException {
    Segment segment = nextSegment();
    assertThat(segment.isSampled()).as("segment is sampled").isTrue();
    SpanData span = spanWithId(segment.getId());
    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
    return span;
  }

  final SpanData spanWithId(String spanId) {
    for (SpanData span : flushedSpans()) {
      if (span.getSpanContext().getSpanId().equals(spanId)) {
        return span;
      }
    }
    throw new AssertionError("no span with id " + spanId + " in " + exporter.spans());
  }

  final List<SpanData> serverSpans() {
    List<SpanData> servers = new ArrayList<>();
    for (SpanData span : flushedSpans()) {
      if (span.getKind() == SpanKind.SERVER) {
        servers.add(span);
      }
    }
    return Collections.unmodifiableList(servers);
  }

  static JsonNode document(Segment segment) throws IOException {
    return new ObjectMapper().readTree(segment.serialize());
  }
}

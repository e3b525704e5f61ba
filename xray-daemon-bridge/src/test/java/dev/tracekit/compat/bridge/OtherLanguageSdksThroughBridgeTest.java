package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.bridge.sdks.OtherLanguageSdks;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real X-Ray SDKs of other languages, unchanged, against the bridge: Node.js ({@code
 * aws-xray-sdk-core} 3.x from npm, with its centralized sampling on the bridge's TCP port) and
 * Python (Debian's {@code python3-aws-xray-sdk}). Their spans are checked at a loopback collector,
 * parsed with the official proto.
 */
class OtherLanguageSdksThroughBridgeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private ScriptedOtlpReceiver collector;
  private MockWebServer target;
  private Bridge bridge;

  @BeforeEach
  void start() throws Exception {
    collector = new ScriptedOtlpReceiver().start(0).answerOk();
    target = new MockWebServer();
    target.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
            return new MockResponse().setResponseCode(201).setBody("{\"reserved\":true}");
          }
        });
    target.start();
    Path rules = temp.resolve("rules.json");
    Files.write(
        rules,
        ("{\"version\":2,\"rules\":[{\"description\":\"checkout\",\"host\":\"*\",\"http_method\":\"*\","
                + "\"url_path\":\"/checkout*\",\"fixed_target\":5,\"rate\":1.0}],"
                + "\"default\":{\"fixed_target\":0,\"rate\":0.0}}")
            .getBytes(StandardCharsets.UTF_8));
    BridgeOptions options =
        BridgeOptions.parse(
            new String[] {"-b", "127.0.0.1:0", "-t", "127.0.0.1:0", "--sampling-rules", rules.toString()},
            Collections.<String, String>emptyMap());
    TraceKitConfig config =
        TraceKitConfig.builder()
            .setEndpoint(collector.endpoint())
            .setApiKey("bridge-test-key")
            .setScheduleDelay(50, TimeUnit.MILLISECONDS)
            .setShutdownHook(false)
            .build();
    bridge = new Bridge(options, config, SamplingRules.parse(rules));
    bridge.start();
  }

  @AfterEach
  void stop() throws Exception {
    bridge.close();
    target.shutdown();
    collector.close();
  }

  @Test
  void nodeSdkSegmentsArriveAsSpansOfItsServiceAndItsSamplingUsesTheBridgesRules() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PROGRAM_SAMPLING_TARGETS", "now");
    OtherLanguageSdks.Result run =
        OtherLanguageSdks.runNode(
            bridge.udpAddress().getPort(), bridge.tcpAddress().getPort(), target.url("/inventory").toString(), env);
    assertThat(run.exitCode()).as("node program: %s", run).isZero();
    Map<?, ?> report = JSON.readValue(run.lastLine(), Map.class);

    assertThat(report.get("rulesFetched")).as("the SDK fetched the bridge's rules").isEqualTo(true);
    assertThat(report.get("matchedRule")).as("the rule that sampled the request").isEqualTo("LocalRule1");
    assertThat(report.get("targetsFetched")).isEqualTo(true);
    assertThat(bridge.samplingCounts().rulesRequests()).isPositive();
    assertThat(bridge.samplingCounts().targetsRequests()).isPositive();

    Map<String, Span> spans = spansOf("node-checkout", 5);
    assertCheckoutTrace(spans, "node-checkout", (String) report.get("segmentId"));
    assertThat(resourceOf("node-checkout")).containsEntry("telemetry.sdk.language", "nodejs");
  }

  @Test
  void nodeSdkSubsegmentsSentOnTheirOwnGetTheirSegmentsService() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PROGRAM_SAMPLING_TARGETS", "now");
    env.put("PROGRAM_STREAMING_THRESHOLD", "0");
    OtherLanguageSdks.Result run =
        OtherLanguageSdks.runNode(
            bridge.udpAddress().getPort(), bridge.tcpAddress().getPort(), target.url("/inventory").toString(), env);
    assertThat(run.exitCode()).as("node program: %s", run).isZero();
    Map<?, ?> report = JSON.readValue(run.lastLine(), Map.class);

    Map<String, Span> spans = spansOf("node-checkout", 5);
    assertCheckoutTrace(spans, "node-checkout", (String) report.get("segmentId"));
    assertThat(bridge.counts().unknownService.sum()).isZero();
  }

  @Test
  void pythonSdkSegmentsArriveAsSpansOfItsService() throws Exception {
    OtherLanguageSdks.Result run =
        OtherLanguageSdks.runPython(
            bridge.udpAddress().getPort(), bridge.tcpAddress().getPort(), target.url("/inventory").toString());
    assertThat(run.exitCode()).as("python program: %s", run).isZero();
    Map<?, ?> report = JSON.readValue(run.lastLine(), Map.class);

    Map<String, Span> spans = spansOf("python-checkout", 5);
    assertCheckoutTrace(spans, "python-checkout", (String) report.get("segmentId"));
  }

  @Test
  void pythonSdkSubsegmentsSentOnTheirOwnGetTheirSegmentsService() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PROGRAM_STREAMING_THRESHOLD", "0");
    OtherLanguageSdks.Result run =
        OtherLanguageSdks.runPython(
            bridge.udpAddress().getPort(), bridge.tcpAddress().getPort(), target.url("/inventory").toString(), env);
    assertThat(run.exitCode()).as("python program: %s", run).isZero();
    Map<?, ?> report = JSON.readValue(run.lastLine(), Map.class);

    Map<String, Span> spans = spansOf("python-checkout", 5);
    assertCheckoutTrace(spans, "python-checkout", (String) report.get("segmentId"));
    assertThat(bridge.counts().unknownService.sum()).isZero();
  }

  /**
   * The programs' shared shape: a SERVER segment with the incoming request, annotations and
   * metadata; process-order > validate-cart (an exception event, error status) and process-order >
   * reserve-inventory > a CLIENT span for the outgoing HTTP call, all one tree of one trace.
   */
  private static void assertCheckoutTrace(Map<String, Span> spans, String service, String segmentId) {
    Span segment = only(spans, service);
    assertThat(hex(segment.getSpanId().toByteArray())).isEqualTo(segmentId);
    assertThat(segment.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(attributes(segment)).containsKeys("http.request.method", "http.response.status_code", "aws.xray.annotations");
    assertThat(attributes(segment).keySet()).anyMatch(k -> k.startsWith("aws.xray.metadata."));

    Span processOrder = only(spans, "process-order");
    Span validate = only(spans, "validate-cart");
    Span reserve = only(spans, "reserve-inventory");
    assertThat(processOrder.getParentSpanId()).isEqualTo(segment.getSpanId());
    assertThat(validate.getParentSpanId()).isEqualTo(processOrder.getSpanId());
    assertThat(reserve.getParentSpanId()).isEqualTo(processOrder.getSpanId());
    assertThat(validate.getEventsList()).anyMatch(e -> e.getName().equals("exception"));
    assertThat(validate.getStatus().getCode().getNumber()).isEqualTo(2);

    List<Span> clients = new ArrayList<>();
    for (Span span : spans.values()) {
      if (span.getParentSpanId().equals(reserve.getSpanId())) {
        clients.add(span);
      }
    }
    assertThat(clients).hasSize(1);
    assertThat(clients.get(0).getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(attributes(clients.get(0))).containsEntry("http.response.status_code", "201");
    for (Span span : spans.values()) {
      assertThat(span.getTraceId()).isEqualTo(segment.getTraceId());
    }
  }

  /** Waits for {@code count} spans of {@code service} and returns them by name (and by id). */
  private Map<String, Span> spansOf(String service, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      Map<String, Span> found = new HashMap<>();
      for (ResourceSpans rs : collectorPayloadResourceSpans()) {
        if (service.equals(resourceAttributes(rs).get("service.name"))) {
          for (ScopeSpans scope : rs.getScopeSpansList()) {
            for (Span span : scope.getSpansList()) {
              found.put(hex(span.getSpanId().toByteArray()), span);
            }
          }
        }
      }
      if (found.size() >= count || System.nanoTime() > deadline) {
        collector.assertEveryPayloadWasValid();
        assertThat(found).as("spans of %s; summary: %s", service,
            Bridge.summaryLine(bridge.counts(), bridge.pipelineStats(), 0, bridge.samplingCounts())).hasSize(count);
        return found;
      }
      Thread.sleep(50);
    }
  }

  private List<ResourceSpans> collectorPayloadResourceSpans() {
    List<ResourceSpans> all = new ArrayList<>();
    collector.payloads().forEach(p -> all.addAll(p.getResourceSpansList()));
    return all;
  }

  private Map<String, String> resourceOf(String service) {
    for (ResourceSpans rs : collectorPayloadResourceSpans()) {
      Map<String, String> attributes = resourceAttributes(rs);
      if (service.equals(attributes.get("service.name"))) {
        return attributes;
      }
    }
    return Collections.emptyMap();
  }

  private static Map<String, String> resourceAttributes(ResourceSpans rs) {
    Map<String, String> out = new HashMap<>();
    for (KeyValue kv : rs.getResource().getAttributesList()) {
      out.put(kv.getKey(), value(kv));
    }
    return out;
  }

  private static Map<String, String> attributes(Span span) {
    Map<String, String> out = new HashMap<>();
    for (KeyValue kv : span.getAttributesList()) {
      out.put(kv.getKey(), value(kv));
    }
    return out;
  }

  private static String value(KeyValue kv) {
    switch (kv.getValue().getValueCase()) {
      case STRING_VALUE:
        return kv.getValue().getStringValue();
      case INT_VALUE:
        return String.valueOf(kv.getValue().getIntValue());
      case BOOL_VALUE:
        return String.valueOf(kv.getValue().getBoolValue());
      case DOUBLE_VALUE:
        return String.valueOf(kv.getValue().getDoubleValue());
      default:
        return kv.getValue().toString();
    }
  }

  private static Span only(Map<String, Span> spans, String name) {
    List<Span> named = new ArrayList<>();
    for (Span span : spans.values()) {
      if (span.getName().equals(name)) {
        named.add(span);
      }
    }
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }
}

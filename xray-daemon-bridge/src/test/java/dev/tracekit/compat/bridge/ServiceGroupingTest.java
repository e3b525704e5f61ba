package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bridge carries many services: the spans of each service travel under one resource, so a request
 * holding the segments of three services (Node.js, Python, Go SDKs) has exactly three {@code
 * ResourceSpans}, each with its service's spans and nothing else.
 */
class ServiceGroupingTest {

  @Test
  void eachRequestHasOneResourceSpansPerService() throws Exception {
    try (ScriptedOtlpReceiver collector = new ScriptedOtlpReceiver().start(0).answerOk()) {
      TraceKitConfig config =
          TraceKitConfig.builder()
              .setEndpoint(collector.endpoint())
              .setApiKey(TestSecrets.API_KEY)
              // One request for everything: nothing is sent before close() flushes.
              .setScheduleDelay(1, TimeUnit.HOURS)
              .setShutdownHook(false)
              .build();
      Bridge bridge = Bridges.start(config);
      List<byte[]> segments =
          Arrays.asList(
              Fixtures.bytes("node-segment.json"),
              Fixtures.bytes("python-segment.json"),
              Fixtures.bytes("go-segment.json"),
              Fixtures.bytes("node-segment.json"));
      Bridges.send(bridge, segments);
      Bridges.awaitDatagrams(bridge, segments.size());
      bridge.close();

      List<ExportTraceServiceRequest> requests = collector.payloads();
      assertThat(requests).hasSize(1);
      collector.assertEveryPayloadWasValid();
      List<String> services = new ArrayList<>();
      for (ResourceSpans resourceSpans : requests.get(0).getResourceSpansList()) {
        String service = attribute(resourceSpans, "service.name");
        services.add(service);
        for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
          assertThat(scope.getSpansList()).as("spans of %s", service).isNotEmpty();
        }
      }
      assertThat(services).containsExactlyInAnyOrder("node-checkout", "python-checkout", "go-checkout");
      long spans =
          requests.get(0).getResourceSpansList().stream()
              .flatMap(r -> r.getScopeSpansList().stream())
              .mapToLong(ScopeSpans::getSpansCount)
              .sum();
      assertThat(spans).isEqualTo(bridge.pipelineStats().getSpansExported());
    }
  }

  private static String attribute(ResourceSpans resourceSpans, String key) {
    for (KeyValue kv : resourceSpans.getResource().getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return kv.getValue().getStringValue();
      }
    }
    return "<none>";
  }
}

package dev.tracekit.compat.xraydemo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.core.export.OtlpTestSupport;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link OrderServiceApp#main} in its own JVM, as the README's command does: the app never
 * calls TraceKit, so its spans must leave through the JVM shutdown hook before the process ends.
 */
class OrderServiceAppProcessTest {
  private static final Pattern TRACE_LINE =
      Pattern.compile("(?m)^trace [0-9a-f]{32}  \\(service order-service\\)$");

  @Test
  void withNoConfigurationTheTreesPrintOnStderrBeforeTheJvmExits() throws Exception {
    ChildJvm.Result result = runApp(Collections.<String, String>emptyMap());

    assertThat(result.exitCode).isZero();
    assertThat(result.output)
        .contains("POST /orders -> 201 Created: order o-1001, total 33.90")
        .contains("GET /orders/o-9999 -> 404 Not Found");
    assertThat(count(TRACE_LINE, result.stderr)).isEqualTo(3);
    assertThat(result.stderr)
        // The segment starts first and ends last: its bar fills the waterfall.
        .containsPattern(
            "(?m)^  order-service  SERVER +\\+0\\.000 ms  \\|#{32}\\|  [0-9.]+ ms  span [0-9a-f]{16}$")
        .containsPattern("(?m)^      apply-coupon  .*  ERROR \"coupon SPRING24 expired on 2024-06-01\"")
        .containsPattern("(?m)^    payments  CLIENT  .*\\R(?:        .*\\R)*      payments  SERVER  ")
        .containsPattern("(?m)^      send-confirmation-email  ")
        .doesNotContain("not in this batch")
        // Not a terminal: no colour.
        .doesNotContain("\u001b");
  }

  @Test
  void withAnApiKeyTheSameRunSendsItsSpansToTheEndpoint() throws Exception {
    List<Request> received = new ArrayList<>();
    try (ScriptedOtlpReceiver sink = new ScriptedOtlpReceiver().answerOk().start(0)) {
      Map<String, String> environment = new HashMap<>();
      environment.put("TRACEKIT_API_KEY", TestSecrets.API_KEY);
      environment.put("TRACEKIT_ENDPOINT", sink.endpoint());

      ChildJvm.Result result = runApp(environment);

      assertThat(result.exitCode).isZero();
      assertThat(result.stderr).doesNotContainPattern(TRACE_LINE);
      // The child has exited: every request it sent is in.
      for (int i = sink.server().getRequestCount(); i > 0; i--) {
        RecordedRequest request = sink.server().takeRequest(10, TimeUnit.SECONDS);
        received.add(
            new Request(request.getHeader("X-API-Key"), OtlpTestSupport.parseRequest(request)));
      }
    }

    assertThat(received).isNotEmpty();
    List<String> names = new ArrayList<>();
    for (Request request : received) {
      assertThat(request.apiKey).isEqualTo(TestSecrets.API_KEY);
      // Protobuf or JSON, as the exporter sent it, parsed with the official proto.
      for (ResourceSpans resourceSpans : request.body.getResourceSpansList()) {
        assertThat(serviceName(resourceSpans.getResource())).isEqualTo("order-service");
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            names.add(span.getName());
          }
        }
      }
    }
    assertThat(names).hasSize(16).contains("apply-coupon", "DynamoDB", "award-loyalty-points");
  }

  private static ChildJvm.Result runApp(Map<String, String> environment) throws Exception {
    // As the module's exec:exec configuration runs it; only the configuration this test gives.
    return ChildJvm.of(OrderServiceApp.class)
        .property("tracekit.scheduleDelayMillis", "60000")
        .env(environment)
        .separateStderr()
        .run(environment.isEmpty() ? "demo-unconfigured" : "demo-with-api-key");
  }

  private static String serviceName(Resource resource) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (attribute.getKey().equals("service.name")) {
        return attribute.getValue().getStringValue();
      }
    }
    return null;
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  private static final class Request {
    final String apiKey;
    final ExportTraceServiceRequest body;

    Request(String apiKey, ExportTraceServiceRequest body) {
      this.apiKey = apiKey;
      this.body = body;
    }
  }
}

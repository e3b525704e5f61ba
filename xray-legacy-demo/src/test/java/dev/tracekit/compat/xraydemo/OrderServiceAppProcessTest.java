package dev.tracekit.compat.xraydemo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
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
        received.add(new Request(request.getHeader("X-API-Key"), request.getBody().readUtf8()));
      }
    }

    assertThat(received).isNotEmpty();
    List<String> names = new ArrayList<>();
    for (Request request : received) {
      assertThat(request.apiKey).isEqualTo(TestSecrets.API_KEY);
      JsonNode body = new ObjectMapper().readTree(request.body);
      for (JsonNode resourceSpans : body.get("resourceSpans")) {
        assertThat(serviceName(resourceSpans.get("resource"))).isEqualTo("order-service");
        for (JsonNode scopeSpans : resourceSpans.get("scopeSpans")) {
          for (JsonNode span : scopeSpans.get("spans")) {
            names.add(span.get("name").asText());
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

  private static String serviceName(JsonNode resource) {
    for (JsonNode attribute : resource.get("attributes")) {
      if (attribute.get("key").asText().equals("service.name")) {
        return attribute.get("value").get("stringValue").asText();
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
    final String body;

    Request(String apiKey, String body) {
      this.apiKey = apiKey;
      this.body = body;
    }
  }
}

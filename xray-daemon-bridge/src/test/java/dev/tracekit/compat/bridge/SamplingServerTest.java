package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SamplingServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = 1_700_000_123_456L;
  private static final long RULES_MODIFIED = 1_690_000_000_500L;

  private final SamplingRules rules =
      new SamplingRules(
          Arrays.asList(
              new SamplingRule(
                  "orders",
                  "arn:aws:xray:us-east-1:123456789012:sampling-rule/orders",
                  "*",
                  5,
                  0.5,
                  3,
                  "checkout",
                  "AWS::EC2::Instance",
                  "shop.example.com",
                  "POST",
                  "/orders/*",
                  1,
                  Collections.singletonMap("tier", "gold")),
              SamplingRule.xrayDefault()),
          RULES_MODIFIED);
  private final SamplingServer server =
      new SamplingServer(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          rules,
          new SettableClock(NOW));

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void bindsAFreePortWhenAskedForZero() {
    assertThat(server.address().getPort()).isPositive();
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void addressBeforeStartIsAnError() {
    SamplingServer notStarted =
        new SamplingServer(new InetSocketAddress(0), SamplingRules.xrayDefault());

    assertThatThrownBy(notStarted::address).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void getSamplingRulesAnswersEveryRuleFieldByField() throws IOException {
    HttpCall call = HttpCall.post(server.address(), "/GetSamplingRules", "{}");

    assertThat(call.status).isEqualTo(200);
    assertThat(call.contentType).isEqualTo("application/json");
    JsonNode response = JSON.readTree(call.body);
    assertThat(fieldNames(response)).containsExactly("SamplingRuleRecords");
    JsonNode records = response.get("SamplingRuleRecords");
    assertThat(records).hasSize(2);

    JsonNode orders = records.get(0);
    assertThat(fieldNames(orders)).containsExactly("SamplingRule", "CreatedAt", "ModifiedAt");
    assertThat(orders.get("CreatedAt").decimalValue()).isEqualByComparingTo("1690000000.5");
    assertThat(orders.get("ModifiedAt").decimalValue()).isEqualByComparingTo("1690000000.5");
    JsonNode rule = orders.get("SamplingRule");
    assertThat(fieldNames(rule))
        .containsExactly(
            "RuleName", "RuleARN", "ResourceARN", "Priority", "FixedRate", "ReservoirSize",
            "ServiceName", "ServiceType", "Host", "HTTPMethod", "URLPath", "Version",
            "Attributes");
    assertThat(rule.get("RuleName").textValue()).isEqualTo("orders");
    assertThat(rule.get("RuleARN").textValue())
        .isEqualTo("arn:aws:xray:us-east-1:123456789012:sampling-rule/orders");
    assertThat(rule.get("ResourceARN").textValue()).isEqualTo("*");
    assertThat(rule.get("Priority").intValue()).isEqualTo(5);
    assertThat(rule.get("FixedRate").doubleValue()).isEqualTo(0.5);
    assertThat(rule.get("ReservoirSize").intValue()).isEqualTo(3);
    assertThat(rule.get("ServiceName").textValue()).isEqualTo("checkout");
    assertThat(rule.get("ServiceType").textValue()).isEqualTo("AWS::EC2::Instance");
    assertThat(rule.get("Host").textValue()).isEqualTo("shop.example.com");
    assertThat(rule.get("HTTPMethod").textValue()).isEqualTo("POST");
    assertThat(rule.get("URLPath").textValue()).isEqualTo("/orders/*");
    assertThat(rule.get("Version").intValue()).isEqualTo(1);
    assertThat(rule.get("Attributes").toString()).isEqualTo("{\"tier\":\"gold\"}");

    JsonNode defaultRule = records.get(1).get("SamplingRule");
    assertThat(defaultRule.get("RuleName").textValue()).isEqualTo("Default");
    assertThat(defaultRule.get("Priority").intValue()).isEqualTo(10000);
    assertThat(defaultRule.get("ReservoirSize").intValue()).isEqualTo(1);
    assertThat(defaultRule.get("FixedRate").doubleValue()).isEqualTo(0.05);
    assertThat(defaultRule.get("Attributes").size()).isZero();
  }

  @Test
  void getSamplingRulesTakesAnEmptyBodyOrANextToken() throws IOException {
    assertThat(HttpCall.post(server.address(), "/GetSamplingRules", "").status).isEqualTo(200);
    assertThat(
            HttpCall.post(server.address(), "/GetSamplingRules", "{\"NextToken\": null}").status)
        .isEqualTo(200);
  }

  @Test
  void samplingTargetsAnswersEachReportedRuleFieldByField() throws IOException {
    HttpCall call =
        HttpCall.post(
            server.address(),
            "/SamplingTargets",
            "{\"SamplingStatisticsDocuments\": ["
                + statistics("orders", "aaaaaaaaaaaaaaaaaaaaaaaa")
                + ","
                + statistics("Default", "aaaaaaaaaaaaaaaaaaaaaaaa")
                + "]}");

    assertThat(call.status).isEqualTo(200);
    assertThat(call.contentType).isEqualTo("application/json");
    JsonNode response = JSON.readTree(call.body);
    assertThat(fieldNames(response))
        .containsExactly(
            "SamplingTargetDocuments", "LastRuleModification", "UnprocessedStatistics");
    assertThat(response.get("LastRuleModification").decimalValue())
        .isEqualByComparingTo("1690000000.5");
    assertThat(response.get("UnprocessedStatistics")).isEmpty();
    JsonNode documents = response.get("SamplingTargetDocuments");
    assertThat(documents).hasSize(2);
    JsonNode orders = documents.get(0);
    assertThat(fieldNames(orders))
        .containsExactly("RuleName", "FixedRate", "ReservoirQuota", "ReservoirQuotaTTL", "Interval");
    assertThat(orders.get("RuleName").textValue()).isEqualTo("orders");
    assertThat(orders.get("FixedRate").doubleValue()).isEqualTo(0.5);
    assertThat(orders.get("ReservoirQuota").intValue()).isEqualTo(3);
    assertThat(orders.get("ReservoirQuotaTTL").decimalValue())
        .isEqualByComparingTo("1700000133.456");
    assertThat(orders.get("Interval").intValue()).isEqualTo(10);
    assertThat(documents.get(1).get("RuleName").textValue()).isEqualTo("Default");
    assertThat(documents.get(1).get("ReservoirQuota").intValue()).isEqualTo(1);
  }

  @Test
  void samplingTargetsSplitsTheReservoirAmongClients() throws IOException {
    String first = targets("orders", "aaaaaaaaaaaaaaaaaaaaaaaa");
    String second = targets("orders", "bbbbbbbbbbbbbbbbbbbbbbbb");

    assertThat(JSON.readTree(first).at("/SamplingTargetDocuments/0/ReservoirQuota").intValue())
        .isEqualTo(3);
    assertThat(JSON.readTree(second).at("/SamplingTargetDocuments/0/ReservoirQuota").intValue())
        .isEqualTo(2);
  }

  @Test
  void statisticsOfAnUnknownRuleAreUnprocessed() throws IOException {
    JsonNode response = JSON.readTree(targets("gone", "aaaaaaaaaaaaaaaaaaaaaaaa"));

    assertThat(response.get("SamplingTargetDocuments")).isEmpty();
    assertThat(response.get("UnprocessedStatistics").toString())
        .isEqualTo(
            "[{\"RuleName\":\"gone\",\"ErrorCode\":\"400\","
                + "\"Message\":\"No sampling rule is named gone\"}]");
  }

  @Test
  void otherPathsAre404() throws IOException {
    for (String path : new String[] {"/", "/GetSamplingRules/", "/TraceSegments", "/samplingtargets"}) {
      HttpCall call = HttpCall.post(server.address(), path, "{}");
      assertThat(call.status).as(path).isEqualTo(404);
    }
  }

  @Test
  void otherMethodsAre405() throws IOException {
    HttpCall call = HttpCall.send(server.address(), "GET", "/GetSamplingRules", null);

    assertThat(call.status).isEqualTo(405);
    assertThat(call.allow).isEqualTo("POST");
  }

  @Test
  void aBodyOverTheLimitIs413() throws IOException {
    byte[] body = new byte[SamplingServer.MAX_BODY_BYTES + 1];
    Arrays.fill(body, (byte) ' ');

    HttpCall call = HttpCall.send(server.address(), "POST", "/SamplingTargets", body);

    assertThat(call.status).isEqualTo(413);
    assertThat(call.body).isEqualTo("The request body is larger than 65536 bytes");
  }

  @Test
  void aBodyAtTheLimitIsRead() throws IOException {
    StringBuilder json = new StringBuilder("{}");
    while (json.length() < SamplingServer.MAX_BODY_BYTES) {
      json.append(' ');
    }

    assertThat(HttpCall.post(server.address(), "/GetSamplingRules", json.toString()).status)
        .isEqualTo(200);
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413BeforeAnyBodyIsSent() throws IOException {
    // HttpURLConnection cannot stop sending a body half way: a plain socket declares 1 GiB, sends
    // none of it, and still gets its answer.
    try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /SamplingTargets HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));

      assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }
  }

  @Test
  void malformedJsonIs400() throws IOException {
    HttpCall call = HttpCall.post(server.address(), "/SamplingTargets", "{\"Sampling");

    assertThat(call.status).isEqualTo(400);
    assertThat(call.body).startsWith("The request body is not valid JSON: ");
  }

  @Test
  void jsonOfAnotherShapeIs400() throws IOException {
    assertThat(HttpCall.post(server.address(), "/SamplingTargets", "{}").body)
        .isEqualTo("SamplingStatisticsDocuments is required");
    assertThat(HttpCall.post(server.address(), "/SamplingTargets", "[]").body)
        .isEqualTo("The request must be a JSON object");
    assertThat(HttpCall.post(server.address(), "/GetSamplingRules", "\"x\"").status)
        .isEqualTo(400);
    HttpCall negative =
        HttpCall.post(
            server.address(),
            "/SamplingTargets",
            "{\"SamplingStatisticsDocuments\": [{\"RuleName\": \"orders\", \"RequestCount\": -1}]}");
    assertThat(negative.status).isEqualTo(400);
    assertThat(negative.body)
        .startsWith("SamplingStatisticsDocuments[0].RequestCount must be a whole number from 0");
  }

  @Test
  void countsAnsweredAndRejectedRequests() throws IOException {
    HttpCall.post(server.address(), "/GetSamplingRules", "{}");
    HttpCall.post(server.address(), "/GetSamplingRules", "{}");
    targets("orders", "aaaaaaaaaaaaaaaaaaaaaaaa");
    HttpCall.post(server.address(), "/nope", "{}");
    HttpCall.post(server.address(), "/SamplingTargets", "nope");

    assertThat(server.counts()).isEqualTo(new SamplingCounts(2, 1, 2));
  }

  @Test
  void closeFreesThePort() throws IOException {
    InetSocketAddress address = server.address();
    server.close();

    try (SamplingServer again = new SamplingServer(address, SamplingRules.xrayDefault())) {
      again.start();
      assertThat(HttpCall.post(again.address(), "/GetSamplingRules", "{}").status).isEqualTo(200);
    }
  }

  private String targets(String ruleName, String clientId) throws IOException {
    HttpCall call =
        HttpCall.post(
            server.address(),
            "/SamplingTargets",
            "{\"SamplingStatisticsDocuments\": [" + statistics(ruleName, clientId) + "]}");
    assertThat(call.status).isEqualTo(200);
    return call.body;
  }

  private static String statistics(String ruleName, String clientId) {
    return "{\"RuleName\": \""
        + ruleName
        + "\", \"ClientID\": \""
        + clientId
        + "\", \"Timestamp\": 1700000123.4, \"RequestCount\": 10, \"SampledCount\": 2,"
        + " \"BorrowCount\": 1}";
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}

package dev.tracekit.compat.bridge;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two calls of X-Ray's sampling API that the daemon relays, answered from local rules: request
 * bodies in, response bodies out, in the API's JSON (times in seconds since the epoch, as numbers).
 * No HTTP here; {@link SamplingServer} carries it. Thread-safe.
 */
final class SamplingApi {
  /** The statistics of a rule this bridge does not have: the API's error code for a bad request. */
  static final String UNKNOWN_RULE_ERROR_CODE = "400";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonFactory JSON = MAPPER.getFactory();

  private final SamplingRules rules;
  private final ReservoirQuotas quotas;

  SamplingApi(SamplingRules rules, ReservoirQuotas quotas) {
    this.rules = rules;
    this.quotas = quotas;
  }

  /**
   * Answers {@code GetSamplingRules}: every rule in one page (no {@code NextToken}). The request
   * may be empty or any JSON object; its {@code NextToken} is ignored.
   *
   * @throws InvalidJsonException if the body is not empty and not a JSON object
   */
  byte[] getSamplingRules(byte[] requestBody) throws InvalidJsonException {
    if (requestBody.length > 0) {
      JsonFields.object(parse(requestBody), "The request");
    }
    BigDecimal modifiedAt = seconds(rules.modifiedAtMillis());
    return write(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("SamplingRuleRecords");
          for (SamplingRule rule : rules.rules()) {
            json.writeStartObject();
            json.writeFieldName("SamplingRule");
            writeRule(json, rule);
            json.writeNumberField("CreatedAt", modifiedAt);
            json.writeNumberField("ModifiedAt", modifiedAt);
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  /**
   * Answers {@code GetSamplingTargets} (path {@code /SamplingTargets}): a target for each rule
   * reported on (the last report wins when a rule is reported twice), and the reports on rules this
   * bridge does not have as {@code UnprocessedStatistics}.
   *
   * @throws InvalidJsonException if the body is not a statistics request
   */
  byte[] getSamplingTargets(byte[] requestBody) throws InvalidJsonException {
    JsonNode request = JsonFields.object(parse(requestBody), "The request");
    Map<String, SamplingTarget> targets = new LinkedHashMap<>();
    List<String> unknownRules = new ArrayList<>();
    int index = 0;
    for (JsonNode node : JsonFields.array(request, "", "SamplingStatisticsDocuments", true)) {
      String path = "SamplingStatisticsDocuments[" + index++ + "]";
      JsonNode document = JsonFields.object(node, path);
      String ruleName = JsonFields.string(document, path, "RuleName", null, Integer.MAX_VALUE);
      String clientId = JsonFields.string(document, path, "ClientID", "", Integer.MAX_VALUE);
      for (String count : new String[] {"RequestCount", "SampledCount", "BorrowCount"}) {
        JsonFields.wholeNumber(document, path, count, 0L, 0, Long.MAX_VALUE);
      }
      SamplingRule rule = rules.rule(ruleName);
      if (rule == null) {
        unknownRules.add(ruleName);
      } else {
        targets.put(ruleName, quotas.report(rule, clientId));
      }
    }
    return write(
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("SamplingTargetDocuments");
          for (SamplingTarget target : targets.values()) {
            writeTarget(json, target);
          }
          json.writeEndArray();
          json.writeNumberField("LastRuleModification", seconds(rules.modifiedAtMillis()));
          json.writeArrayFieldStart("UnprocessedStatistics");
          for (String ruleName : unknownRules) {
            json.writeStartObject();
            json.writeStringField("RuleName", ruleName);
            json.writeStringField("ErrorCode", UNKNOWN_RULE_ERROR_CODE);
            json.writeStringField("Message", "No sampling rule is named " + ruleName);
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void writeRule(JsonGenerator json, SamplingRule rule) throws IOException {
    json.writeStartObject();
    json.writeStringField("RuleName", rule.ruleName());
    json.writeStringField("RuleARN", rule.ruleArn());
    json.writeStringField("ResourceARN", rule.resourceArn());
    json.writeNumberField("Priority", rule.priority());
    json.writeNumberField("FixedRate", rule.fixedRate());
    json.writeNumberField("ReservoirSize", rule.reservoirSize());
    json.writeStringField("ServiceName", rule.serviceName());
    json.writeStringField("ServiceType", rule.serviceType());
    json.writeStringField("Host", rule.host());
    json.writeStringField("HTTPMethod", rule.httpMethod());
    json.writeStringField("URLPath", rule.urlPath());
    json.writeNumberField("Version", rule.version());
    // Always written, even empty: the Java SDK rejects a rule without it.
    json.writeObjectFieldStart("Attributes");
    for (Map.Entry<String, String> attribute : rule.attributes().entrySet()) {
      json.writeStringField(attribute.getKey(), attribute.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeTarget(JsonGenerator json, SamplingTarget target) throws IOException {
    json.writeStartObject();
    json.writeStringField("RuleName", target.ruleName());
    json.writeNumberField("FixedRate", target.fixedRate());
    json.writeNumberField("ReservoirQuota", target.reservoirQuota());
    json.writeNumberField("ReservoirQuotaTTL", seconds(target.reservoirQuotaTtlMillis()));
    json.writeNumberField("Interval", target.intervalSeconds());
    json.writeEndObject();
  }

  /** Epoch milliseconds as the API's epoch seconds: a number with up to three decimals. */
  private static BigDecimal seconds(long epochMillis) {
    return BigDecimal.valueOf(epochMillis, 3);
  }

  private static JsonNode parse(byte[] body) throws InvalidJsonException {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new InvalidJsonException("The request body is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // from a byte array: cannot happen
    }
  }

  private static byte[] write(JsonBody body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      body.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // to a byte array: cannot happen
    }
    return bytes.toByteArray();
  }

  /** Writes a response body. */
  private interface JsonBody {
    void writeTo(JsonGenerator json) throws IOException;
  }
}

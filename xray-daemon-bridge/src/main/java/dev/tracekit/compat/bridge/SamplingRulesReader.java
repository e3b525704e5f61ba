package dev.tracekit.compat.bridge;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads an operator's sampling rules file in either of X-Ray's shapes and turns it into {@link
 * SamplingRules}.
 *
 * <p>A local sampling-rules document ({@code version} 1 or 2, {@code rules}, {@code default}, keys
 * as X-Ray's SDKs document them) becomes one rule per entry, named {@code LocalRule1}, {@code
 * LocalRule2}... with priorities 1, 2... so that the file's order is kept (the SDKs apply the first
 * rule that matches), and {@code default} becomes the rule {@code Default}. {@code fixed_target} is
 * the reservoir size and {@code rate} the fixed rate; in version 1 {@code service_name} is the host
 * pattern (as the SDKs read it), in version 2 {@code host} is, and an optional {@code service_name}
 * is the service name pattern.
 *
 * <p>Rules in the API's shape keep their fields; absent patterns are {@code *}, and the rule
 * {@code Default} is X-Ray's when the file has none.
 */
final class SamplingRulesReader {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.ALLOW_COMMENTS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final String LOCAL_RULE_NAME = "LocalRule";
  private static final int MAX_CUSTOM_PRIORITY = 9999;
  // The X-Ray API's length limits.
  private static final int MAX_RULE_NAME = 32;
  private static final int MAX_NAME = 64;
  private static final int MAX_METHOD = 10;
  private static final int MAX_URL_PATH = 128;
  private static final int MAX_ARN = 500;

  private SamplingRulesReader() {}

  static SamplingRules read(Path file) throws SamplingRulesException {
    byte[] bytes;
    long modifiedAtMillis;
    try {
      bytes = Files.readAllBytes(file);
      modifiedAtMillis = Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new SamplingRulesException(file, "cannot be read (" + e + ")", e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new SamplingRulesException(file, "is not valid JSON: " + describe(e), e);
    } catch (IOException e) {
      throw new SamplingRulesException(file, "cannot be read (" + e + ")", e);
    }
    if (root == null || root.isMissingNode()) {
      throw new SamplingRulesException(file, "is empty", null);
    }
    try {
      return new SamplingRules(rules(root), modifiedAtMillis);
    } catch (InvalidJsonException | IllegalArgumentException e) {
      throw new SamplingRulesException(file, e.getMessage(), null);
    }
  }

  private static List<SamplingRule> rules(JsonNode root) throws InvalidJsonException {
    if (root.isArray()) {
      return apiRules(root, "");
    }
    if (root.isObject() && root.has("SamplingRuleRecords")) {
      return apiRules(JsonFields.array(root, "", "SamplingRuleRecords", true), "SamplingRuleRecords");
    }
    if (root.isObject() && (root.has("version") || root.has("rules") || root.has("default"))) {
      return localDocument(root);
    }
    throw new InvalidJsonException(
        "is neither a local sampling-rules document ({\"version\", \"rules\", \"default\"}) nor"
            + " rules in the X-Ray API's shape ({\"SamplingRuleRecords\": [...]} or a list of"
            + " SamplingRule objects)");
  }

  private static List<SamplingRule> localDocument(JsonNode root) throws InvalidJsonException {
    long version = JsonFields.wholeNumber(root, "", "version", null, 1, 2);
    String hostKey = version == 1 ? "service_name" : "host";
    JsonNode defaultRule = JsonFields.object(requiredField(root, "default"), "default");
    for (String key : new String[] {"host", "service_name", "http_method", "url_path"}) {
      if (JsonFields.has(defaultRule, key)) {
        throw new InvalidJsonException(
            "default." + key + " is not allowed: the default rule matches every request");
      }
    }
    List<SamplingRule> rules = new ArrayList<>();
    rules.add(
        SamplingRule.withDefaults(
            SamplingRule.DEFAULT_RULE_NAME,
            SamplingRule.DEFAULT_RULE_PRIORITY,
            rate(defaultRule, "default"),
            fixedTarget(defaultRule, "default")));
    int index = 0;
    for (JsonNode node : JsonFields.array(root, "", "rules", false)) {
      String path = "rules[" + index + "]";
      JsonNode rule = JsonFields.object(node, path);
      int priority = ++index;
      if (priority > MAX_CUSTOM_PRIORITY) {
        throw new InvalidJsonException("has more than " + MAX_CUSTOM_PRIORITY + " rules");
      }
      String ruleName = LOCAL_RULE_NAME + priority;
      rules.add(
          new SamplingRule(
              ruleName,
              SamplingRule.localArn(ruleName),
              SamplingRule.ANY,
              priority,
              rate(rule, path),
              fixedTarget(rule, path),
              version == 1
                  ? SamplingRule.ANY
                  : JsonFields.string(rule, path, "service_name", SamplingRule.ANY, MAX_NAME),
              SamplingRule.ANY,
              JsonFields.string(rule, path, hostKey, null, MAX_NAME),
              JsonFields.string(rule, path, "http_method", null, MAX_METHOD),
              JsonFields.string(rule, path, "url_path", null, MAX_URL_PATH),
              1,
              Collections.<String, String>emptyMap()));
    }
    return rules;
  }

  private static int fixedTarget(JsonNode rule, String path) throws InvalidJsonException {
    return (int) JsonFields.wholeNumber(rule, path, "fixed_target", null, 0, Integer.MAX_VALUE);
  }

  private static double rate(JsonNode rule, String path) throws InvalidJsonException {
    return JsonFields.number(rule, path, "rate", null, 0, 1);
  }

  private static List<SamplingRule> apiRules(Iterable<JsonNode> list, String listPath)
      throws InvalidJsonException {
    List<SamplingRule> rules = new ArrayList<>();
    boolean hasDefault = false;
    int index = 0;
    for (JsonNode node : list) {
      String path = listPath + "[" + index++ + "]";
      JsonFields.object(node, path);
      if (node.has("SamplingRule")) {
        path = path + ".SamplingRule";
        node = JsonFields.object(node.get("SamplingRule"), path);
      }
      SamplingRule rule = apiRule(node, path);
      hasDefault |= rule.ruleName().equals(SamplingRule.DEFAULT_RULE_NAME);
      rules.add(rule);
    }
    if (!hasDefault) {
      rules.add(SamplingRule.xrayDefault());
    }
    return rules;
  }

  private static SamplingRule apiRule(JsonNode rule, String path) throws InvalidJsonException {
    String ruleName = JsonFields.string(rule, path, "RuleName", null, MAX_RULE_NAME);
    if (ruleName.isEmpty()) {
      throw new InvalidJsonException(path + ".RuleName must not be empty");
    }
    boolean isDefault = ruleName.equals(SamplingRule.DEFAULT_RULE_NAME);
    long priority =
        JsonFields.wholeNumber(
            rule,
            path,
            "Priority",
            isDefault ? Long.valueOf(SamplingRule.DEFAULT_RULE_PRIORITY) : null,
            1,
            isDefault ? SamplingRule.DEFAULT_RULE_PRIORITY : MAX_CUSTOM_PRIORITY);
    long version = JsonFields.wholeNumber(rule, path, "Version", 1L, 1, Long.MAX_VALUE);
    if (version != 1) {
      throw new InvalidJsonException(
          path + ".Version must be 1, the only version of X-Ray sampling rules, not " + version);
    }
    return new SamplingRule(
        ruleName,
        JsonFields.string(rule, path, "RuleARN", SamplingRule.localArn(ruleName), MAX_ARN),
        JsonFields.string(rule, path, "ResourceARN", SamplingRule.ANY, MAX_ARN),
        (int) priority,
        JsonFields.number(rule, path, "FixedRate", null, 0, 1),
        (int) JsonFields.wholeNumber(rule, path, "ReservoirSize", null, 0, Integer.MAX_VALUE),
        JsonFields.string(rule, path, "ServiceName", SamplingRule.ANY, MAX_NAME),
        JsonFields.string(rule, path, "ServiceType", SamplingRule.ANY, MAX_NAME),
        JsonFields.string(rule, path, "Host", SamplingRule.ANY, MAX_NAME),
        JsonFields.string(rule, path, "HTTPMethod", SamplingRule.ANY, MAX_METHOD),
        JsonFields.string(rule, path, "URLPath", SamplingRule.ANY, MAX_URL_PATH),
        1,
        JsonFields.stringMap(rule, path, "Attributes"));
  }

  private static JsonNode requiredField(JsonNode object, String key) throws InvalidJsonException {
    if (!JsonFields.has(object, key)) {
      throw new InvalidJsonException(key + " is required");
    }
    return object.get(key);
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    String message = e.getOriginalMessage();
    return where == null
        ? message
        : message + " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
  }
}

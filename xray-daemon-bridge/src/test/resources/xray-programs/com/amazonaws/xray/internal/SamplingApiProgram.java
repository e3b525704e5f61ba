package com.amazonaws.xray.internal;

import com.amazonaws.xray.strategy.sampling.GetSamplingRulesRequest;
import com.amazonaws.xray.strategy.sampling.GetSamplingRulesResponse;
import com.amazonaws.xray.strategy.sampling.GetSamplingTargetsRequest;
import com.amazonaws.xray.strategy.sampling.GetSamplingTargetsResponse;
import com.amazonaws.xray.strategy.sampling.manifest.CentralizedManifest;
import com.amazonaws.xray.strategy.sampling.reservoir.CentralizedReservoir;
import com.amazonaws.xray.strategy.sampling.rule.CentralizedRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the REAL X-Ray SDK's sampling client ({@code UnsignedXrayClient}, the class its
 * centralized sampling strategy polls the daemon with) against an endpoint, and hands back what it
 * parsed as plain JDK values. Compiled against the real SDK jar and loaded with it; it sits in the
 * SDK's package to reach the client's constructor that takes the endpoint.
 */
public final class SamplingApiProgram {
  private SamplingApiProgram() {}

  /**
   * Calls {@code getSamplingRules} and returns each record as the SDK parsed it: the rule's getters
   * by API field name, {@code CreatedAt}, {@code ModifiedAt}, and {@code Valid} (the SDK's own
   * {@code CentralizedRule.isValid}, which drops rules it cannot use).
   */
  public static List<Map<String, Object>> rules(String endpoint) {
    GetSamplingRulesResponse response =
        new UnsignedXrayClient(endpoint).getSamplingRules(GetSamplingRulesRequest.create(null));
    List<Map<String, Object>> records = new ArrayList<>();
    for (GetSamplingRulesResponse.SamplingRuleRecord record : response.getSamplingRuleRecords()) {
      GetSamplingRulesResponse.SamplingRule rule = record.getSamplingRule();
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("RuleName", rule.getRuleName());
      fields.put("RuleARN", rule.getRuleArn());
      fields.put("ResourceARN", rule.getResourceArn());
      fields.put("Priority", rule.getPriority());
      fields.put("FixedRate", rule.getFixedRate());
      fields.put("ReservoirSize", rule.getReservoirSize());
      fields.put("ServiceName", rule.getServiceName());
      fields.put("ServiceType", rule.getServiceType());
      fields.put("Host", rule.getHost());
      fields.put("HTTPMethod", rule.getHttpMethod());
      fields.put("URLPath", rule.getUrlPath());
      fields.put("Version", rule.getVersion());
      fields.put("Attributes", rule.getAttributes());
      fields.put("CreatedAt", record.getCreatedAt());
      fields.put("ModifiedAt", record.getModifiedAt());
      fields.put("Valid", CentralizedRule.isValid(rule));
      records.add(fields);
    }
    return records;
  }

  /**
   * Puts the rules {@code getSamplingRules} returned into the SDK's own manifest, as its rule
   * poller does, and returns the names the manifest kept: custom rules in its order, then the
   * default rule's.
   */
  public static List<String> manifest(String endpoint) {
    List<GetSamplingRulesResponse.SamplingRule> rules = new ArrayList<>();
    for (GetSamplingRulesResponse.SamplingRuleRecord record :
        new UnsignedXrayClient(endpoint)
            .getSamplingRules(GetSamplingRulesRequest.create(null))
            .getSamplingRuleRecords()) {
      rules.add(record.getSamplingRule());
    }
    CentralizedManifest manifest = new CentralizedManifest();
    manifest.putRules(rules, Instant.now());
    List<String> names = new ArrayList<>(manifest.getRules().keySet());
    CentralizedRule defaultRule = manifest.getDefaultRule();
    names.add(defaultRule == null ? null : defaultRule.getName());
    return names;
  }

  /**
   * Reports statistics from {@code clientId} for each of {@code ruleNames} with {@code
   * getSamplingTargets} and returns what the SDK parsed: {@code LastRuleModification}, {@code
   * Unprocessed} (rule names), and {@code Targets}, one map per document with its getters and the
   * quota and interval the SDK's own reservoir takes from it ({@code SdkQuota}, {@code
   * SdkInterval}).
   */
  public static Map<String, Object> targets(String endpoint, String clientId, List<String> ruleNames) {
    Date now = new Date();
    List<GetSamplingTargetsRequest.SamplingStatisticsDocument> documents = new ArrayList<>();
    for (String ruleName : ruleNames) {
      documents.add(
          GetSamplingTargetsRequest.SamplingStatisticsDocument.newBuilder()
              .setRuleName(ruleName)
              .setClientId(clientId)
              .setTimestamp(now)
              .setRequestCount(10)
              .setSampledCount(2)
              .setBorrowCount(1)
              .build());
    }
    GetSamplingTargetsResponse response =
        new UnsignedXrayClient(endpoint)
            .getSamplingTargets(GetSamplingTargetsRequest.create(documents));
    List<Map<String, Object>> targets = new ArrayList<>();
    for (GetSamplingTargetsResponse.SamplingTargetDocument document : response.getDocuments()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("RuleName", document.getRuleName());
      fields.put("FixedRate", document.getFixedRate());
      fields.put("ReservoirQuota", document.getReservoirQuota());
      fields.put("ReservoirQuotaTTL", document.getReservoirQuotaTtl());
      fields.put("Interval", document.getIntervalSecs());
      CentralizedReservoir reservoir = new CentralizedReservoir(0);
      reservoir.update(document, now.toInstant());
      fields.put("SdkQuota", reservoir.getQuota());
      fields.put("SdkInterval", reservoir.getInterval());
      targets.add(fields);
    }
    List<String> unprocessed = new ArrayList<>();
    for (Object statistics : response.getUnprocessedStatistics()) {
      unprocessed.add(String.valueOf(statistics));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("LastRuleModification", response.getLastRuleModification());
    result.put("Targets", targets);
    result.put("Unprocessed", unprocessed);
    return result;
  }
}

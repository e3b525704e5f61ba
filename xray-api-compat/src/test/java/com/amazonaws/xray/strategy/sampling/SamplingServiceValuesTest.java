package com.amazonaws.xray.strategy.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request and response values of X-Ray's sampling API, compared with the SDK's behaviour. */
class SamplingServiceValuesTest {
  /** How {@link Date#toString()} prints the epoch in this JVM's time zone. */
  private static final String EPOCH = new Date(0).toString();

  private static GetSamplingRulesResponse.SamplingRule rule(Map<String, String> attributes) {
    return GetSamplingRulesResponse.SamplingRule.create(
        attributes,
        0.05,
        "h",
        "GET",
        10,
        1,
        "*",
        "arn",
        "name",
        "svc",
        "AWS::EC2::Instance",
        "/x",
        1);
  }

  private static GetSamplingTargetsRequest.SamplingStatisticsDocument statistics(long requests) {
    return GetSamplingTargetsRequest.SamplingStatisticsDocument.newBuilder()
        .setBorrowCount(1)
        .setClientId("c")
        .setRequestCount(requests)
        .setRuleName("r")
        .setSampledCount(2)
        .setTimestamp(new Date(0))
        .build();
  }

  @Test
  void rulesRequestIsAValueOfItsToken() {
    GetSamplingRulesRequest request = GetSamplingRulesRequest.create("tok");

    assertThat(request.getNextToken()).isEqualTo("tok");
    assertThat(request).isEqualTo(GetSamplingRulesRequest.create("tok"));
    assertThat(request.hashCode()).isEqualTo(GetSamplingRulesRequest.create("tok").hashCode());
    assertThat(request).isNotEqualTo(GetSamplingRulesRequest.create(null));
    assertThat(request).hasToString("GetSamplingRulesRequest{nextToken=tok}");
    assertThat(GetSamplingRulesRequest.create(null))
        .hasToString("GetSamplingRulesRequest{nextToken=null}");
  }

  @Test
  void samplingRuleKeepsEveryPropertyAndPrintsThemInOrder() {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("k", "v");
    GetSamplingRulesResponse.SamplingRule rule = rule(attributes);

    assertThat(rule.getAttributes()).isSameAs(attributes);
    assertThat(rule.getFixedRate()).isEqualTo(0.05);
    assertThat(rule.getHost()).isEqualTo("h");
    assertThat(rule.getHttpMethod()).isEqualTo("GET");
    assertThat(rule.getPriority()).isEqualTo(10);
    assertThat(rule.getReservoirSize()).isEqualTo(1);
    assertThat(rule.getResourceArn()).isEqualTo("*");
    assertThat(rule.getRuleArn()).isEqualTo("arn");
    assertThat(rule.getRuleName()).isEqualTo("name");
    assertThat(rule.getServiceName()).isEqualTo("svc");
    assertThat(rule.getServiceType()).isEqualTo("AWS::EC2::Instance");
    assertThat(rule.getUrlPath()).isEqualTo("/x");
    assertThat(rule.getVersion()).isEqualTo(1);
    assertThat(rule)
        .hasToString(
            "SamplingRule{attributes={k=v}, fixedRate=0.05, host=h, httpMethod=GET, priority=10, "
                + "reservoirSize=1, resourceArn=*, ruleArn=arn, ruleName=name, serviceName=svc, "
                + "serviceType=AWS::EC2::Instance, urlPath=/x, version=1}");
    assertThat(rule).isEqualTo(rule(new HashMap<>(attributes)));
    assertThat(rule.hashCode()).isEqualTo(rule(new HashMap<>(attributes)).hashCode());
    assertThat(rule).isNotEqualTo(rule(Collections.<String, String>emptyMap()));
  }

  @Test
  void samplingRuleRequiresFixedRatePriorityAndReservoirSize() {
    assertThatThrownBy(
            () ->
                GetSamplingRulesResponse.SamplingRule.create(
                    null, null, null, null, 1, 1, null, null, null, null, null, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("Null fixedRate");
    assertThatThrownBy(
            () ->
                GetSamplingRulesResponse.SamplingRule.create(
                    null, 0.1, null, null, null, 1, null, null, null, null, null, null, null))
        .hasMessage("Null priority");
    assertThatThrownBy(
            () ->
                GetSamplingRulesResponse.SamplingRule.create(
                    null, 0.1, null, null, 1, null, null, null, null, null, null, null, null))
        .hasMessage("Null reservoirSize");
    assertThat(
            GetSamplingRulesResponse.SamplingRule.create(
                    null, 0.1, null, null, 1, 1, null, null, null, null, null, null, null)
                .getHost())
        .isNull();
  }

  @Test
  void rulesResponseHoldsRecordsAndToken() {
    GetSamplingRulesResponse.SamplingRuleRecord record =
        GetSamplingRulesResponse.SamplingRuleRecord.create("c", "m", rule(null));
    GetSamplingRulesResponse response =
        GetSamplingRulesResponse.create("next", Collections.singletonList(record));

    assertThat(record.getCreatedAt()).isEqualTo("c");
    assertThat(record.getModifiedAt()).isEqualTo("m");
    assertThat(record.getSamplingRule()).isEqualTo(rule(null));
    assertThat(response.getNextToken()).isEqualTo("next");
    assertThat(response.getSamplingRuleRecords()).containsExactly(record);
    assertThat(response)
        .isEqualTo(
            GetSamplingRulesResponse.create(
                "next",
                Collections.singletonList(
                    GetSamplingRulesResponse.SamplingRuleRecord.create("c", "m", rule(null)))));
    assertThat(GetSamplingRulesResponse.create(null, Collections.emptyList()))
        .hasToString("GetSamplingRulesResponse{nextToken=null, samplingRuleRecords=[]}");
    assertThatThrownBy(() -> GetSamplingRulesResponse.create("t", null))
        .hasMessage("Null samplingRuleRecords");
    assertThatThrownBy(
            () -> GetSamplingRulesResponse.SamplingRuleRecord.create(null, "m", rule(null)))
        .hasMessage("Null createdAt");
  }

  @Test
  void statisticsDocumentIsBuiltWithEveryRequiredProperty() {
    GetSamplingTargetsRequest.SamplingStatisticsDocument document = statistics(3);

    assertThat(document.getBorrowCount()).isEqualTo(1);
    assertThat(document.getClientId()).isEqualTo("c");
    assertThat(document.getRequestCount()).isEqualTo(3);
    assertThat(document.getRuleName()).isEqualTo("r");
    assertThat(document.getSampledCount()).isEqualTo(2);
    assertThat(document.getTimestamp()).isEqualTo(new Date(0));
    assertThat(document).isEqualTo(statistics(3)).isNotEqualTo(statistics(4));
    assertThat(document.hashCode()).isEqualTo(statistics(3).hashCode());
    assertThat(document)
        .hasToString(
            "SamplingStatisticsDocument{borrowCount=1, clientId=c, requestCount=3, ruleName=r, "
                + "sampledCount=2, timestamp="
                + EPOCH
                + "}");
  }

  @Test
  void statisticsBuilderNamesTheMissingProperties() {
    assertThatThrownBy(
            () -> GetSamplingTargetsRequest.SamplingStatisticsDocument.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Missing required properties: borrowCount requestCount ruleName sampledCount"
                + " timestamp");
    assertThatThrownBy(
            () ->
                GetSamplingTargetsRequest.SamplingStatisticsDocument.newBuilder()
                    .setBorrowCount(1)
                    .setSampledCount(0)
                    .build())
        .hasMessage("Missing required properties: requestCount ruleName timestamp");
    assertThatThrownBy(
            () ->
                GetSamplingTargetsRequest.SamplingStatisticsDocument.newBuilder().setRuleName(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("Null ruleName");
    assertThatThrownBy(
            () ->
                GetSamplingTargetsRequest.SamplingStatisticsDocument.newBuilder()
                    .setTimestamp(null))
        .hasMessage("Null timestamp");
    assertThat(
            GetSamplingTargetsRequest.SamplingStatisticsDocument.newBuilder()
                .setBorrowCount(0)
                .setClientId(null)
                .setRequestCount(0)
                .setRuleName("r")
                .setSampledCount(0)
                .setTimestamp(new Date(0))
                .build()
                .getClientId())
        .isNull();
  }

  @Test
  void targetsRequestHoldsItsDocuments() {
    List<GetSamplingTargetsRequest.SamplingStatisticsDocument> documents =
        Arrays.asList(statistics(3));
    GetSamplingTargetsRequest request = GetSamplingTargetsRequest.create(documents);

    assertThat(request.getDocuments()).isSameAs(documents);
    assertThat(request).isEqualTo(GetSamplingTargetsRequest.create(Arrays.asList(statistics(3))));
    assertThat(request.hashCode())
        .isEqualTo(GetSamplingTargetsRequest.create(Arrays.asList(statistics(3))).hashCode());
    assertThat(request.toString())
        .isEqualTo("GetSamplingTargetsRequest{documents=[" + statistics(3) + "]}");
    assertThatThrownBy(() -> GetSamplingTargetsRequest.create(null)).hasMessage("Null documents");
  }

  @Test
  void targetDocumentRequiresOnlyItsRuleName() {
    GetSamplingTargetsResponse.SamplingTargetDocument full =
        GetSamplingTargetsResponse.SamplingTargetDocument.create(0.1, 10, 5, new Date(0), "name");
    GetSamplingTargetsResponse.SamplingTargetDocument sparse =
        GetSamplingTargetsResponse.SamplingTargetDocument.create(0.1, null, null, null, "name");

    assertThat(full.getFixedRate()).isEqualTo(0.1);
    assertThat(full.getIntervalSecs()).isEqualTo(10);
    assertThat(full.getReservoirQuota()).isEqualTo(5);
    assertThat(full.getReservoirQuotaTtl()).isEqualTo(new Date(0));
    assertThat(full.getRuleName()).isEqualTo("name");
    assertThat(full)
        .hasToString(
            "SamplingTargetDocument{fixedRate=0.1, intervalSecs=10, reservoirQuota=5, "
                + "reservoirQuotaTtl="
                + EPOCH
                + ", ruleName=name}");
    assertThat(sparse)
        .hasToString(
            "SamplingTargetDocument{fixedRate=0.1, intervalSecs=null, reservoirQuota=null, "
                + "reservoirQuotaTtl=null, ruleName=name}");
    assertThat(sparse)
        .isEqualTo(
            GetSamplingTargetsResponse.SamplingTargetDocument.create(0.1, null, null, null, "name"))
        .isNotEqualTo(full);
    assertThatThrownBy(
            () ->
                GetSamplingTargetsResponse.SamplingTargetDocument.create(
                    0.1, null, null, null, null))
        .hasMessage("Null ruleName");
  }

  @Test
  void targetsResponseRequiresEveryProperty() {
    GetSamplingTargetsResponse.UnprocessedStatistics unprocessed =
        GetSamplingTargetsResponse.UnprocessedStatistics.create("E", "msg", "r");
    GetSamplingTargetsResponse response =
        GetSamplingTargetsResponse.create(
            new Date(0), Collections.emptyList(), Collections.singletonList(unprocessed));

    assertThat(response.getLastRuleModification()).isEqualTo(new Date(0));
    assertThat(response.getDocuments()).isEmpty();
    assertThat(response.getUnprocessedStatistics()).containsExactly(unprocessed);
    assertThat(unprocessed)
        .hasToString("UnprocessedStatistics{errorCode=E, message=msg, ruleName=r}");
    assertThat(response)
        .hasToString(
            "GetSamplingTargetsResponse{lastRuleModification="
                + EPOCH
                + ", "
                + "documents=[], unprocessedStatistics=["
                + unprocessed
                + "]}")
        .isEqualTo(
            GetSamplingTargetsResponse.create(
                new Date(0),
                Collections.emptyList(),
                Collections.singletonList(
                    GetSamplingTargetsResponse.UnprocessedStatistics.create("E", "msg", "r"))));
    assertThatThrownBy(
            () ->
                GetSamplingTargetsResponse.create(
                    null, Collections.emptyList(), Collections.emptyList()))
        .hasMessage("Null lastRuleModification");
    assertThatThrownBy(
            () -> GetSamplingTargetsResponse.UnprocessedStatistics.create("E", null, "r"))
        .hasMessage("Null message");
  }
}

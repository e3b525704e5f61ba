package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplingRulesTest {
  @TempDir Path dir;

  @Test
  void withoutFileOnlyXRaysDefaultRule() {
    SamplingRules rules = SamplingRules.xrayDefault();

    assertThat(rules.rules())
        .containsExactly(
            new SamplingRule(
                "Default",
                "arn:aws:xray:local::sampling-rule/Default",
                "*",
                10000,
                0.05,
                1,
                "*",
                "*",
                "*",
                "*",
                "*",
                1,
                Collections.<String, String>emptyMap()));
    assertThat(rules.modifiedAtMillis()).isZero();
  }

  @Test
  void localVersion2DocumentKeepsFileOrderAndHostPattern() throws Exception {
    Path file =
        write(
            "{\"version\": 2,\n"
                + " // comments are allowed, as in the SDKs' example files\n"
                + " \"rules\": [\n"
                + "  {\"description\": \"Player moves\", \"host\": \"*\", \"http_method\": \"*\","
                + "   \"url_path\": \"/api/move/*\", \"fixed_target\": 0, \"rate\": 0.05},\n"
                + "  {\"description\": \"Health\", \"host\": \"api.example.com\","
                + "   \"service_name\": \"checkout\", \"http_method\": \"GET\","
                + "   \"url_path\": \"/health\", \"fixed_target\": 3, \"rate\": 0}\n"
                + " ],\n"
                + " \"default\": {\"fixed_target\": 2, \"rate\": 0.1}}");
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_250L));

    SamplingRules rules = SamplingRules.parse(file);

    assertThat(rules.rules())
        .containsExactly(
            rule("LocalRule1", 1, 0.05, 0, "*", "*", "*", "/api/move/*"),
            rule("LocalRule2", 2, 0, 3, "checkout", "api.example.com", "GET", "/health"),
            rule("Default", 10000, 0.1, 2, "*", "*", "*", "*"));
    assertThat(rules.modifiedAtMillis()).isEqualTo(1_700_000_000_250L);
    assertThat(rules.rule("LocalRule2")).isSameAs(rules.rules().get(1));
    assertThat(rules.rule("LocalRule3")).isNull();
  }

  @Test
  void localVersion1DocumentReadsServiceNameAsHost() throws Exception {
    SamplingRules rules =
        SamplingRules.parse(
            write(
                "{\"version\": 1, \"rules\": [{\"service_name\": \"*.example.com\","
                    + " \"http_method\": \"POST\", \"url_path\": \"/orders\","
                    + " \"fixed_target\": 5, \"rate\": 0.5}],"
                    + " \"default\": {\"fixed_target\": 1, \"rate\": 0.05}}"));

    assertThat(rules.rules())
        .containsExactly(
            rule("LocalRule1", 1, 0.5, 5, "*", "*.example.com", "POST", "/orders"),
            SamplingRule.xrayDefault());
  }

  @Test
  void apiRecordsKeepTheirFieldsSortedByPriority() throws Exception {
    SamplingRules rules =
        SamplingRules.parse(
            write(
                "{\"SamplingRuleRecords\": [\n"
                    + " {\"SamplingRule\": {\"RuleName\": \"Default\", \"Priority\": 10000,"
                    + "   \"FixedRate\": 0.01, \"ReservoirSize\": 0}, \"CreatedAt\": 0.0},\n"
                    + " {\"SamplingRule\": {\"RuleName\": \"polling\","
                    + "   \"RuleARN\": \"arn:aws:xray:us-east-1:123456789012:sampling-rule/polling\","
                    + "   \"ResourceARN\": \"*\", \"Priority\": 5000, \"FixedRate\": 0.003,"
                    + "   \"ReservoirSize\": 0, \"ServiceName\": \"Scorekeep\","
                    + "   \"ServiceType\": \"AWS::EC2::Instance\", \"Host\": \"*\","
                    + "   \"HTTPMethod\": \"GET\", \"URLPath\": \"/api/state/*\", \"Version\": 1,"
                    + "   \"Attributes\": {\"tier\": \"gold\"}}},\n"
                    + " {\"SamplingRule\": {\"RuleName\": \"base\", \"Priority\": 9000,"
                    + "   \"FixedRate\": 0.1, \"ReservoirSize\": 2, \"ServiceName\": \"Scorekeep\"}}\n"
                    + "]}"));

    assertThat(rules.rules())
        .containsExactly(
            new SamplingRule(
                "polling",
                "arn:aws:xray:us-east-1:123456789012:sampling-rule/polling",
                "*",
                5000,
                0.003,
                0,
                "Scorekeep",
                "AWS::EC2::Instance",
                "*",
                "GET",
                "/api/state/*",
                1,
                Collections.singletonMap("tier", "gold")),
            rule("base", 9000, 0.1, 2, "Scorekeep", "*", "*", "*"),
            rule("Default", 10000, 0.01, 0, "*", "*", "*", "*"));
  }

  @Test
  void apiRuleListWithoutDefaultGetsXRaysDefault() throws Exception {
    SamplingRules rules =
        SamplingRules.parse(
            write(
                "[{\"RuleName\": \"orders\", \"Priority\": 1, \"FixedRate\": 1,"
                    + " \"ReservoirSize\": 10, \"URLPath\": \"/orders\"}]"));

    assertThat(rules.rules())
        .containsExactly(
            rule("orders", 1, 1, 10, "*", "*", "*", "/orders"), SamplingRule.xrayDefault());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | {\"version\": 2, | is not valid JSON",
        "trailing garbage | {\"version\": 2, \"default\": {\"fixed_target\": 1, \"rate\": 0}} x"
            + " | is not valid JSON",
        "duplicate key | {\"version\": 2, \"version\": 1} | is not valid JSON: Duplicate field",
        "neither shape | {\"rulez\": []} | is neither a local sampling-rules document",
        "a number | 42 | is neither a local sampling-rules document",
        "version 3 | {\"version\": 3, \"default\": {\"fixed_target\": 1, \"rate\": 0}}"
            + " | version must be a whole number from 1 to 2, not 3",
        "no default | {\"version\": 2, \"rules\": []} | default is required",
        "default with a pattern | {\"version\": 2, \"default\": {\"fixed_target\": 1,"
            + " \"rate\": 0, \"url_path\": \"/\"}} | default.url_path is not allowed",
        "default rate above 1 | {\"version\": 2, \"default\": {\"fixed_target\": 1,"
            + " \"rate\": 1.5}} | default.rate must be a number from 0.0 to 1.0, not 1.5",
        "negative fixed_target | {\"version\": 2, \"default\": {\"fixed_target\": -1,"
            + " \"rate\": 0}} | default.fixed_target must be a whole number from 0",
        "version 2 rule without host | {\"version\": 2, \"rules\": [{\"http_method\": \"*\","
            + " \"url_path\": \"*\", \"fixed_target\": 1, \"rate\": 0}],"
            + " \"default\": {\"fixed_target\": 1, \"rate\": 0}} | rules[0].host is required",
        "rule not an object | {\"version\": 2, \"rules\": [1], \"default\": {\"fixed_target\": 1,"
            + " \"rate\": 0}} | rules[0] must be a JSON object",
        "rate as text | {\"version\": 1, \"rules\": [{\"service_name\": \"*\","
            + " \"http_method\": \"*\", \"url_path\": \"*\", \"fixed_target\": 1,"
            + " \"rate\": \"0.1\"}], \"default\": {\"fixed_target\": 1, \"rate\": 0}}"
            + " | rules[0].rate must be a number",
        "API rule without FixedRate | [{\"RuleName\": \"a\", \"Priority\": 1,"
            + " \"ReservoirSize\": 1}] | [0].FixedRate is required",
        "API priority 0 | {\"SamplingRuleRecords\": [{\"SamplingRule\": {\"RuleName\": \"a\","
            + " \"Priority\": 0, \"FixedRate\": 0, \"ReservoirSize\": 1}}]}"
            + " | SamplingRuleRecords[0].SamplingRule.Priority must be a whole number from 1 to 9999",
        "API version 2 | [{\"RuleName\": \"a\", \"Priority\": 1, \"FixedRate\": 0,"
            + " \"ReservoirSize\": 1, \"Version\": 2}] | [0].Version must be 1",
        "API name too long | [{\"RuleName\": \"abcdefghijklmnopqrstuvwxyz0123456\","
            + " \"Priority\": 1, \"FixedRate\": 0, \"ReservoirSize\": 1}]"
            + " | [0].RuleName must be at most 32 characters long",
        "API attribute not a string | [{\"RuleName\": \"a\", \"Priority\": 1, \"FixedRate\": 0,"
            + " \"ReservoirSize\": 1, \"Attributes\": {\"k\": 1}}]"
            + " | [0].Attributes.k must be a string",
        "API same name twice | [{\"RuleName\": \"a\", \"Priority\": 1, \"FixedRate\": 0,"
            + " \"ReservoirSize\": 1}, {\"RuleName\": \"a\", \"Priority\": 2, \"FixedRate\": 0,"
            + " \"ReservoirSize\": 1}] | Two rules are named a",
      })
  void badFileNamesItselfAndTheProblem(String title, String json, String problem)
      throws IOException {
    Path file = write(json);

    assertThatThrownBy(() -> SamplingRules.parse(file))
        .isInstanceOf(SamplingRulesException.class)
        .hasMessageStartingWith("Sampling rules file " + file + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void emptyFileIsBad() throws IOException {
    Path file = write("");

    assertThatThrownBy(() -> SamplingRules.parse(file))
        .isInstanceOf(SamplingRulesException.class)
        .hasMessage("Sampling rules file " + file + ": is empty");
  }

  @Test
  void missingFileIsBad() {
    Path file = dir.resolve("absent.json");

    assertThatThrownBy(() -> SamplingRules.parse(file))
        .isInstanceOf(SamplingRulesException.class)
        .hasMessageStartingWith("Sampling rules file " + file + ": cannot be read")
        .hasMessageContaining("NoSuchFileException");
  }

  /** A rule with no resource ARN pattern nor attributes, of service type {@code *}. */
  static SamplingRule rule(
      String name,
      int priority,
      double fixedRate,
      int reservoirSize,
      String serviceName,
      String host,
      String httpMethod,
      String urlPath) {
    return new SamplingRule(
        name,
        SamplingRule.localArn(name),
        "*",
        priority,
        fixedRate,
        reservoirSize,
        serviceName,
        "*",
        host,
        httpMethod,
        urlPath,
        1,
        Collections.<String, String>emptyMap());
  }

  private Path write(String json) throws IOException {
    Path file = Files.createTempFile(dir, "rules", ".json");
    Files.write(file, json.getBytes(StandardCharsets.UTF_8));
    return file;
  }
}

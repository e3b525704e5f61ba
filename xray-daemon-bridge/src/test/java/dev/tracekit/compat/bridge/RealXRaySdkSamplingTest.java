package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Java X-Ray SDK 2.21.0's sampling client ({@code UnsignedXrayClient}, from the real jar)
 * calls the bridge's sampling server: what it parses is what the rules file says, and the SDK's own
 * classes accept it (its rule validation, its manifest, its reservoir).
 */
class RealXRaySdkSamplingTest {
  private static final long FILE_TIME = 1_690_000_000_500L;
  private static final long NOW = 1_700_000_123_456L;

  private static RealXRaySdk sdk;

  @TempDir Path dir;
  private SamplingServer server;

  @BeforeAll
  static void loadSdk() {
    sdk = RealXRaySdk.load();
  }

  @AfterAll
  static void closeSdk() throws IOException {
    sdk.close();
  }

  @BeforeEach
  void start() throws Exception {
    Path file = dir.resolve("sampling-rules.json");
    Files.write(
        file,
        ("{\"version\": 2, \"rules\": ["
                + "{\"description\": \"orders\", \"host\": \"shop.example.com\","
                + " \"service_name\": \"checkout\", \"http_method\": \"POST\","
                + " \"url_path\": \"/orders/*\", \"fixed_target\": 3, \"rate\": 0.5},"
                + "{\"description\": \"health\", \"host\": \"*\", \"http_method\": \"GET\","
                + " \"url_path\": \"/health\", \"fixed_target\": 0, \"rate\": 0}],"
                + " \"default\": {\"fixed_target\": 2, \"rate\": 0.1}}")
            .getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(file, FileTime.fromMillis(FILE_TIME));
    server =
        new SamplingServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            SamplingRules.parse(file),
            new SettableClock(NOW));
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void realClientParsesEveryRuleAndTheSdkFindsThemValid() {
    List<Map<String, Object>> records = sdk.rules(server.address());

    assertThat(records).hasSize(3);
    Map<String, Object> orders = records.get(0);
    assertThat(orders)
        .containsEntry("RuleName", "LocalRule1")
        .containsEntry("RuleARN", "arn:aws:xray:local::sampling-rule/LocalRule1")
        .containsEntry("ResourceARN", "*")
        .containsEntry("Priority", 1)
        .containsEntry("FixedRate", 0.5)
        .containsEntry("ReservoirSize", 3)
        .containsEntry("ServiceName", "checkout")
        .containsEntry("ServiceType", "*")
        .containsEntry("Host", "shop.example.com")
        .containsEntry("HTTPMethod", "POST")
        .containsEntry("URLPath", "/orders/*")
        .containsEntry("Version", 1)
        .containsEntry("Attributes", Collections.emptyMap())
        .containsEntry("Valid", true);
    // The SDK reads these times as text: the seconds as written.
    assertThat(orders).containsEntry("CreatedAt", "1690000000.500");
    assertThat(orders).containsEntry("ModifiedAt", "1690000000.500");
    assertThat(records.get(1))
        .containsEntry("RuleName", "LocalRule2")
        .containsEntry("Priority", 2)
        .containsEntry("ReservoirSize", 0)
        .containsEntry("FixedRate", 0.0)
        .containsEntry("Valid", true);
    assertThat(records.get(2))
        .containsEntry("RuleName", "Default")
        .containsEntry("Priority", 10000)
        .containsEntry("ReservoirSize", 2)
        .containsEntry("FixedRate", 0.1)
        .containsEntry("Host", "*")
        .containsEntry("Valid", true);
    assertThat(server.counts().rulesRequests()).isEqualTo(1);
  }

  @Test
  void sdkManifestKeepsTheFileOrderAndTheDefaultRule() {
    assertThat(sdk.manifest(server.address()))
        .containsExactly("LocalRule1", "LocalRule2", "Default");
  }

  @Test
  void realClientParsesTargetsAndItsReservoirTakesTheQuota() {
    Map<String, Object> first =
        sdk.targets(server.address(), "aaaaaaaaaaaaaaaaaaaaaaaa", Arrays.asList("LocalRule1", "Default"));
    Map<String, Object> second =
        sdk.targets(server.address(), "bbbbbbbbbbbbbbbbbbbbbbbb", Arrays.asList("LocalRule1"));

    assertThat(first.get("LastRuleModification")).isEqualTo(new Date(FILE_TIME));
    assertThat(first.get("Unprocessed")).isEqualTo(Collections.emptyList());
    List<Map<String, Object>> targets = targets(first);
    assertThat(targets).hasSize(2);
    assertThat(targets.get(0))
        .containsEntry("RuleName", "LocalRule1")
        .containsEntry("FixedRate", 0.5)
        .containsEntry("ReservoirQuota", 3)
        .containsEntry("ReservoirQuotaTTL", new Date(NOW + 10_000))
        .containsEntry("Interval", 10)
        .containsEntry("SdkQuota", 3L)
        .containsEntry("SdkInterval", 10L);
    assertThat(targets.get(1))
        .containsEntry("RuleName", "Default")
        .containsEntry("FixedRate", 0.1)
        .containsEntry("ReservoirQuota", 2)
        .containsEntry("SdkQuota", 2L);
    // A second client of the same rule: ceil(3 / 2).
    assertThat(targets(second).get(0))
        .containsEntry("RuleName", "LocalRule1")
        .containsEntry("ReservoirQuota", 2)
        .containsEntry("SdkQuota", 2L);
    assertThat(server.counts().targetsRequests()).isEqualTo(2);
  }

  @Test
  void realClientSeesStatisticsOfAnUnknownRuleUnprocessed() {
    Map<String, Object> response =
        sdk.targets(server.address(), "aaaaaaaaaaaaaaaaaaaaaaaa", Arrays.asList("Gone"));

    assertThat(targets(response)).isEmpty();
    assertThat(response.get("Unprocessed").toString())
        .contains("errorCode=400", "ruleName=Gone");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> targets(Map<String, Object> response) {
    return (List<Map<String, Object>>) response.get("Targets");
  }
}

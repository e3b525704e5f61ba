package com.amazonaws.xray.strategy.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.xray.strategy.sampling.RealXRaySdk.Decision;
import dev.tracekit.compat.core.export.LogCapture;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test: the same rule files and requests go to the real X-Ray SDK's {@code
 * LocalizedSamplingStrategy} (2.21.0, in an isolated class loader) and to ours, and the outcomes
 * must be equal — decisions, exceptions and their messages, and falling back to the default rule.
 */
class LocalizedSamplingStrategyReferenceTest {
  /** Service name, host, URL path, HTTP method; nulls are values the request lacks. */
  private static final String[][] REQUESTS = {
    {"orders", "orders-1", "/api/items", "GET"},
    {"orders-1", "web", "/api/items", "GET"},
    {"x", "web", "/anything", "POST"},
    {"x", "shop.example.COM", "/items/42", "GET"},
    {"x", "shop.example.com", "/Items/42", "get"},
    {"x", "example.com", "/items/1", "GET"},
    {"x", "h", "/health", "GET"},
    {"x", "h", "/home", "PUT"},
    {"x", null, null, null},
    {null, null, null, null},
    {"x", "", "", ""},
    {null, "orders-2", "/", "DELETE"},
    {"x", "nothing", "/", "GET"},
  };

  private static RealXRaySdk real;

  @TempDir Path dir;

  @BeforeAll
  static void loadTheRealSdk() {
    List<String> problems = new ArrayList<>();
    real = RealXRaySdk.load(problems).orElse(null);
    if (real == null) {
      throw new AssertionError("the real X-Ray SDK is not available: " + problems);
    }
  }

  static Stream<SamplingRuleCorpus.Entry> valid() {
    return SamplingRuleCorpus.VALID.stream();
  }

  static Stream<SamplingRuleCorpus.Invalid> invalid() {
    return SamplingRuleCorpus.INVALID.stream();
  }

  static Stream<SamplingRuleCorpus.Entry> unparseable() {
    return SamplingRuleCorpus.UNPARSEABLE.stream();
  }

  @Test
  void theRealSdkRunsFromItsOwnJarBesideOurs() throws Exception {
    assertThat(real.locationOf("LocalizedSamplingStrategy").toString())
        .contains("aws-xray-recorder-sdk-core");
    assertThat(
            LocalizedSamplingStrategy.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toString())
        .doesNotContain("aws-xray-recorder-sdk-core");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validFilesGiveTheSameDecisions(SamplingRuleCorpus.Entry file) throws Exception {
    URL url = RuleFiles.write(dir, file.json);
    RealXRaySdk.Strategy theirs = real.localized(url);
    LocalizedSamplingStrategy ours = new LocalizedSamplingStrategy(url);

    for (String[] r : REQUESTS) {
      assertThat(Decision.of(ours.shouldTrace(new SamplingRequest(r[0], r[1], r[2], r[3], null))))
          .as("service=%s host=%s url=%s method=%s", (Object[]) r)
          .isEqualTo(theirs.shouldTrace(r[0], r[1], r[2], r[3]));
    }
    assertThat(ours.getSamplingManifestURL()).isEqualTo(theirs.getSamplingManifestURL());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidFilesAreRejectedTheSameWay(SamplingRuleCorpus.Invalid file) {
    URL url = RuleFiles.write(dir, file.json);

    Throwable theirs = catchThrowable(() -> real.localized(url));
    Throwable ours = catchThrowable(() -> new LocalizedSamplingStrategy(url));

    assertThat(theirs).isNotNull();
    assertThat(ours).isNotNull();
    assertThat(ours.getClass().getName()).isEqualTo(theirs.getClass().getName());
    assertThat(ours.getMessage()).isEqualTo(theirs.getMessage()).isEqualTo(file.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unparseable")
  void unparseableFilesFallBackToTheDefaultRuleInBoth(SamplingRuleCorpus.Entry file)
      throws Exception {
    URL url = RuleFiles.write(dir, file.json);
    assertFallBackInBoth(url);
  }

  @Test
  void aMissingFileOrNoLocationFallsBackToTheDefaultRuleInBoth() throws Exception {
    assertFallBackInBoth(RuleFiles.missing(dir));
    assertFallBackInBoth(null);
  }

  @ParameterizedTest(name = "fixed_target {0}")
  @ValueSource(ints = {1, 5, 9})
  void reservoirsGrantTheSameBurst(int fixedTarget) throws Exception {
    URL url =
        RuleFiles.write(
            dir,
            "{\"version\":2,\"rules\":[],\"default\":{\"fixed_target\":"
                + fixedTarget
                + ",\"rate\":0}}");
    RealXRaySdk.Strategy theirs = real.localized(url);
    LocalizedSamplingStrategy ours = new LocalizedSamplingStrategy(url);

    List<Boolean> theirDecisions = new ArrayList<>();
    List<Boolean> ourDecisions = new ArrayList<>();
    for (int i = 0; i < fixedTarget + 3; i++) {
      theirDecisions.add(theirs.shouldTrace("s", "h", "/", "GET").sampled);
      ourDecisions.add(
          ours.shouldTrace(new SamplingRequest("s", "h", "/", "GET", null)).isSampled());
    }

    assertThat(ourDecisions).isEqualTo(theirDecisions);
    assertThat(ourDecisions.stream().filter(b -> b).count()).isEqualTo(fixedTarget);
  }

  /**
   * Both create a strategy from {@code url} without throwing, each logs one SEVERE record, both
   * keep the URL as given, and both sample the first request (the default rule's 1/s reservoir).
   */
  private static void assertFallBackInBoth(URL url) throws Exception {
    RealXRaySdk.Strategy theirs;
    LocalizedSamplingStrategy ours;
    long theirLogs;
    long ourLogs;
    try (LogCapture logs = new LogCapture()) {
      theirs = real.localized(url);
      theirLogs = severeCount(logs);
    }
    try (LogCapture logs = new LogCapture()) {
      ours = new LocalizedSamplingStrategy(url);
      ourLogs = severeCount(logs);
    }

    assertThat(theirLogs).isEqualTo(1);
    assertThat(ourLogs).isEqualTo(1);
    assertThat(ours.getSamplingManifestURL()).isEqualTo(theirs.getSamplingManifestURL());
    assertThat(Decision.of(ours.shouldTrace(new SamplingRequest("s", "h", "/", "GET", null))))
        .isEqualTo(theirs.shouldTrace("s", "h", "/", "GET"))
        .isEqualTo(new Decision(true, false));
  }

  private static long severeCount(LogCapture logs) {
    return logs.records().stream()
        .filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
        .filter(r -> LocalizedSamplingStrategy.class.getName().equals(r.getLoggerName()))
        .count();
  }
}

package com.amazonaws.xray.strategy.sampling;

import static com.amazonaws.xray.strategy.sampling.RuleFiles.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.strategy.sampling.RuleFiles.ScriptedRand;
import java.net.URL;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalizedSamplingStrategyTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong(42 * SECOND);
  private final ScriptedRand rand = new ScriptedRand(0.99);

  private LocalizedSamplingStrategy strategy(String json) {
    return new LocalizedSamplingStrategy(RuleFiles.write(dir, json), false, nanos::get, rand);
  }

  private static String catchAll(String ruleFields, String defaultFields) {
    return "{\"version\":2,\"rules\":["
        + (ruleFields.isEmpty() ? "" : "{" + ruleFields + "}")
        + "],\"default\":{"
        + defaultFields
        + "}}";
  }

  private static boolean sampled(SamplingStrategy strategy, SamplingRequest request) {
    return strategy.shouldTrace(request).isSampled();
  }

  @Test
  void firstMatchingRuleDecidesInFileOrder() {
    LocalizedSamplingStrategy strategy =
        strategy(
            "{\"version\":2,\"rules\":["
                + "{\"host\":\"*\",\"http_method\":\"GET\",\"url_path\":\"/api/health\","
                + "\"fixed_target\":0,\"rate\":0},"
                + "{\"host\":\"*\",\"http_method\":\"*\",\"url_path\":\"/api/*\","
                + "\"fixed_target\":0,\"rate\":1}],"
                + "\"default\":{\"fixed_target\":0,\"rate\":0}}");

    assertThat(sampled(strategy, request("h", "GET", "/api/health"))).isFalse();
    assertThat(sampled(strategy, request("h", "POST", "/api/health"))).isTrue();
    assertThat(sampled(strategy, request("h", "GET", "/api/orders"))).isTrue();
    assertThat(sampled(strategy, request("h", "GET", "/other"))).isFalse();
  }

  @Test
  void patternsAreCaseInsensitiveGlobsOnHostMethodAndPath() {
    LocalizedSamplingStrategy strategy =
        strategy(
            catchAll(
                "\"host\":\"*.Example.com\",\"http_method\":\"g?t\",\"url_path\":\"/Items/*\","
                    + "\"fixed_target\":0,\"rate\":1",
                "\"fixed_target\":0,\"rate\":0"));

    assertThat(sampled(strategy, request("shop.example.COM", "GET", "/items/42"))).isTrue();
    assertThat(sampled(strategy, request("example.com", "GET", "/items/42"))).isFalse();
    assertThat(sampled(strategy, request("shop.example.com", "POST", "/items/42"))).isFalse();
    assertThat(sampled(strategy, request("shop.example.com", "GET", "/items"))).isFalse();
  }

  @Test
  void missingRequestValuesMatchOnlyPatternsThatMatchEmptyText() {
    LocalizedSamplingStrategy named =
        strategy(
            catchAll(
                "\"host\":\"svc\",\"http_method\":\"*\",\"url_path\":\"*\",\"fixed_target\":0,"
                    + "\"rate\":1",
                "\"fixed_target\":0,\"rate\":0"));
    LocalizedSamplingStrategy wildcard =
        strategy(
            catchAll(
                "\"host\":\"*\",\"http_method\":\"\",\"url_path\":\"*\",\"fixed_target\":0,"
                    + "\"rate\":1",
                "\"fixed_target\":0,\"rate\":0"));
    SamplingRequest bare = new SamplingRequest("svc", null, null, null, null);

    assertThat(sampled(named, bare)).isFalse();
    assertThat(sampled(wildcard, bare)).isTrue();
  }

  @Test
  void versionOneServiceNameIsMatchedAgainstTheRequestHost() {
    LocalizedSamplingStrategy strategy =
        strategy(
            "{\"version\":1,\"rules\":[{\"service_name\":\"orders*\",\"http_method\":\"*\","
                + "\"url_path\":\"*\",\"fixed_target\":0,\"rate\":1}],"
                + "\"default\":{\"fixed_target\":0,\"rate\":0}}");

    assertThat(sampled(strategy, new SamplingRequest("orders", "web", "/", "GET", null))).isFalse();
    assertThat(sampled(strategy, new SamplingRequest("web", "orders-1", "/", "GET", null)))
        .isTrue();
  }

  @Test
  void reservoirGrantsExactlyFixedTargetPerSecondThenTheRateDecides() {
    LocalizedSamplingStrategy strategy = strategy(catchAll("", "\"fixed_target\":3,\"rate\":0.5"));
    SamplingRequest any = request("h", "GET", "/");

    assertThat(countSampled(strategy, any, 10)).isEqualTo(3);
    assertThat(rand.calls()).as("no draw while the reservoir grants").isEqualTo(7);

    nanos.addAndGet(SECOND - 1);
    assertThat(sampled(strategy, any)).as("same second").isFalse();

    nanos.addAndGet(1);
    assertThat(countSampled(strategy, any, 10)).as("next second").isEqualTo(3);

    rand.then(0.49, 0.5, 0.51);
    assertThat(sampled(strategy, any)).isTrue();
    assertThat(sampled(strategy, any)).isFalse();
    assertThat(sampled(strategy, any)).isFalse();
  }

  @Test
  void eachRuleHasItsOwnReservoir() {
    LocalizedSamplingStrategy strategy =
        strategy(
            catchAll(
                "\"host\":\"a\",\"http_method\":\"*\",\"url_path\":\"*\",\"fixed_target\":2,"
                    + "\"rate\":0",
                "\"fixed_target\":1,\"rate\":0"));

    assertThat(countSampled(strategy, request("a", "GET", "/"), 5)).isEqualTo(2);
    assertThat(countSampled(strategy, request("b", "GET", "/"), 5)).isEqualTo(1);
  }

  @Test
  void rateSamplesItsFractionWithASeededRandom() {
    Random random = new Random(7);
    LocalizedSamplingStrategy strategy =
        new LocalizedSamplingStrategy(
            RuleFiles.write(dir, catchAll("", "\"fixed_target\":0,\"rate\":0.1")),
            false,
            nanos::get,
            random::nextDouble);

    int sampled = countSampled(strategy, request("h", "GET", "/"), 100_000);

    // Binomial(100000, 0.1) has a standard deviation of about 95: these bounds are 5 of them.
    assertThat(sampled).isBetween(9_525, 10_475);
  }

  @Test
  void withoutRulesXRaysDefaultRuleSamplesOneASecondThenFivePercent() {
    LocalizedSamplingStrategy strategy =
        new LocalizedSamplingStrategy(SamplingRuleFiles.DEFAULT_RULES, false, nanos::get, rand);
    SamplingRequest any = request("h", "GET", "/");

    assertThat(countSampled(strategy, any, 100)).isEqualTo(1);
    rand.then(0.0499, 0.0501);
    assertThat(sampled(strategy, any)).isTrue();
    assertThat(sampled(strategy, any)).isFalse();
    nanos.addAndGet(SECOND);
    assertThat(countSampled(strategy, any, 100)).isEqualTo(1);
  }

  @Test
  void defaultRulesAreOurOwnResourceWithXRaysDefaultRule() {
    URL url = new LocalizedSamplingStrategy().getSamplingManifestURL();

    assertThat(url).isEqualTo(SamplingRuleFiles.DEFAULT_RULES);
    assertThat(url.toString())
        .endsWith("com/amazonaws/xray/strategy/sampling/DefaultSamplingRules.json")
        .doesNotContain("aws-xray-recorder-sdk-core");
    assertThat(new LocalizedSamplingStrategy(true).getSamplingManifestURL()).isEqualTo(url);
  }

  @Test
  void manifestUrlIsTheOneGivenEvenWhenNull() {
    URL url = RuleFiles.write(dir, catchAll("", "\"fixed_target\":1,\"rate\":0"));

    assertThat(new LocalizedSamplingStrategy(url).getSamplingManifestURL()).isEqualTo(url);
    assertThat(new LocalizedSamplingStrategy(url, true).getSamplingManifestURL()).isEqualTo(url);
    assertThat(new LocalizedSamplingStrategy((URL) null).getSamplingManifestURL()).isNull();
  }

  @Test
  void forcedSamplingSupportIsWhatTheConstructorSays() {
    URL url = RuleFiles.write(dir, catchAll("", "\"fixed_target\":1,\"rate\":0"));

    assertThat(new LocalizedSamplingStrategy().isForcedSamplingSupported()).isFalse();
    assertThat(new LocalizedSamplingStrategy(url).isForcedSamplingSupported()).isFalse();
    assertThat(new LocalizedSamplingStrategy(true).isForcedSamplingSupported()).isTrue();
    assertThat(new LocalizedSamplingStrategy(url, true).isForcedSamplingSupported()).isTrue();
  }

  @Test
  void responsesNameNoRuleAsLocalRulesHaveNoNames() {
    LocalizedSamplingStrategy strategy =
        strategy(
            catchAll(
                "\"host\":\"*\",\"http_method\":\"*\",\"url_path\":\"*\",\"fixed_target\":0,"
                    + "\"rate\":1",
                "\"fixed_target\":0,\"rate\":0"));

    SamplingResponse response = strategy.shouldTrace(request("h", "GET", "/"));

    assertThat(response.isSampled()).isTrue();
    assertThat(response.getRuleName()).isEmpty();
  }

  private static int countSampled(SamplingStrategy strategy, SamplingRequest request, int calls) {
    int sampled = 0;
    for (int i = 0; i < calls; i++) {
      if (strategy.shouldTrace(request).isSampled()) {
        sampled++;
      }
    }
    return sampled;
  }
}

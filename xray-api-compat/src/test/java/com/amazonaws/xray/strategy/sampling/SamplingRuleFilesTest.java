package com.amazonaws.xray.strategy.sampling;

import static com.amazonaws.xray.strategy.sampling.RuleFiles.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.strategy.sampling.RuleFiles.ScriptedRand;
import dev.tracekit.compat.core.export.LogCapture;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SamplingRuleFilesTest {
  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong();
  private final ScriptedRand rand = new ScriptedRand(0.99);

  static Stream<SamplingRuleCorpus.Entry> valid() {
    return SamplingRuleCorpus.VALID.stream();
  }

  static Stream<SamplingRuleCorpus.Invalid> invalid() {
    return SamplingRuleCorpus.INVALID.stream();
  }

  static Stream<SamplingRuleCorpus.Entry> unparseable() {
    return SamplingRuleCorpus.UNPARSEABLE.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validFilesLoadWithoutALogLine(SamplingRuleCorpus.Entry file) {
    try (LogCapture logs = new LogCapture()) {
      new LocalizedSamplingStrategy(RuleFiles.write(dir, file.json));

      assertThat(severe(logs)).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidFilesAreRejectedWithTheXRayMessage(SamplingRuleCorpus.Invalid file) {
    URL url = RuleFiles.write(dir, file.json);

    assertThatThrownBy(() -> new LocalizedSamplingStrategy(url))
        .isExactlyInstanceOf(RuntimeException.class)
        .hasMessage(file.message());
    assertThatThrownBy(() -> new CentralizedSamplingStrategy(url, true))
        .isExactlyInstanceOf(RuntimeException.class)
        .hasMessage(file.message());
  }

  @Test
  void aNullRuleIsRejectedLikeARuleWithoutPatterns() {
    URL url =
        RuleFiles.write(
            dir, "{\"version\":2,\"rules\":[null],\"default\":{\"fixed_target\":1,\"rate\":0.1}}");

    assertThatThrownBy(() -> new LocalizedSamplingStrategy(url))
        .isExactlyInstanceOf(RuntimeException.class)
        .hasMessage(
            "Invalid sampling rule manifest provided. " + SamplingRuleCorpus.NEEDS_PATTERNS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unparseable")
  void unparseableFilesAreReplacedByXRaysDefaultRuleWithOneLogLine(SamplingRuleCorpus.Entry file) {
    URL url = RuleFiles.write(dir, file.json);
    try (LogCapture logs = new LogCapture()) {
      LocalizedSamplingStrategy strategy =
          new LocalizedSamplingStrategy(url, false, nanos::get, rand);

      assertDefaultRule(strategy);
      assertThat(strategy.getSamplingManifestURL()).isEqualTo(url);
      assertThat(severe(logs))
          .singleElement()
          .satisfies(m -> assertThat(m).contains(url.toString()));
    }
  }

  @Test
  void aMissingFileOrNoLocationIsReplacedByXRaysDefaultRule() {
    try (LogCapture logs = new LogCapture()) {
      assertDefaultRule(
          new LocalizedSamplingStrategy(RuleFiles.missing(dir), false, nanos::get, rand));
      assertDefaultRule(new LocalizedSamplingStrategy(null, false, nanos::get, rand));

      assertThat(severe(logs)).hasSize(2);
      assertThat(severe(logs).get(0)).contains("no-such-rules.json");
    }
  }

  @Test
  void aFileWithOnlyNullIsReplacedByXRaysDefaultRule() {
    try (LogCapture logs = new LogCapture()) {
      assertDefaultRule(
          new LocalizedSamplingStrategy(RuleFiles.write(dir, "null"), false, nanos::get, rand));

      assertThat(severe(logs)).hasSize(1);
    }
  }

  @Test
  void aByteOrderMarkIsAccepted() {
    byte[] json =
        "\uFEFF{\"version\":2,\"rules\":[],\"default\":{\"fixed_target\":0,\"rate\":1}}"
            .getBytes(StandardCharsets.UTF_8);
    LocalizedSamplingStrategy strategy =
        new LocalizedSamplingStrategy(RuleFiles.write(dir, json), false, nanos::get, rand);

    assertThat(strategy.shouldTrace(request("h", "GET", "/")).isSampled()).isTrue();
  }

  @Test
  void versionTwoIgnoresServiceName() {
    LocalizedSamplingStrategy strategy =
        new LocalizedSamplingStrategy(
            RuleFiles.write(
                dir,
                "{\"version\":2,\"rules\":[{\"host\":\"*\",\"service_name\":\"x\","
                    + "\"http_method\":\"*\",\"url_path\":\"*\",\"fixed_target\":0,\"rate\":1}],"
                    + "\"default\":{\"fixed_target\":0,\"rate\":0}}"),
            false,
            nanos::get,
            rand);

    assertThat(strategy.shouldTrace(request("y", "GET", "/")).isSampled()).isTrue();
  }

  /** X-Ray's default rule: one request a second from the reservoir, then 5%. */
  private void assertDefaultRule(LocalizedSamplingStrategy strategy) {
    nanos.addAndGet(10_000_000_000L);
    SamplingRequest any = request("h", "GET", "/");
    assertThat(strategy.shouldTrace(any).isSampled()).isTrue();
    assertThat(strategy.shouldTrace(any).isSampled()).isFalse();
    rand.then(0.049, 0.051);
    assertThat(strategy.shouldTrace(any).isSampled()).isTrue();
    assertThat(strategy.shouldTrace(any).isSampled()).isFalse();
  }

  private static List<String> severe(LogCapture logs) {
    return logs.records().stream()
        .filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
        .filter(r -> r.getLoggerName().startsWith("com.amazonaws.xray.strategy.sampling"))
        .map(LogRecord::getMessage)
        .collect(Collectors.toList());
  }
}

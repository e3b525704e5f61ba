package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import com.amazonaws.xray.strategy.sampling.DefaultSamplingStrategy;
import com.amazonaws.xray.strategy.sampling.SamplingRequest;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import dev.tracekit.compat.core.TraceKitSettings;
import dev.tracekit.compat.core.export.LogCapture;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplingRateOverrideTest {
  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  @AfterEach
  void clearProperty() {
    System.clearProperty(RateSamplingStrategy.PROPERTY);
  }

  private SamplingStrategy resolve(SamplingStrategy configured) {
    return RecorderPlugins.samplingStrategy(configured, TraceKitSettings.of(properties, environment));
  }

  private static double rateOf(SamplingStrategy strategy) {
    assertThat(strategy).isInstanceOf(RateSamplingStrategy.class);
    return ((RateSamplingStrategy) strategy).getRate();
  }

  @Test
  void withNothingSetTheRecorderKeepsItsDefaultStrategy() {
    assertThat(resolve(null)).isNull();
    assertThat(System.getenv(RateSamplingStrategy.ENVIRONMENT_VARIABLE))
        .as("surefire removes this variable from the test environment")
        .isNull();
    assertThat(AWSXRayRecorderBuilder.standard().build().getSamplingStrategy())
        .isInstanceOf(DefaultSamplingStrategy.class);
  }

  @Test
  void theSystemPropertyReplacesTheDefaultStrategyOfABuiltRecorder() {
    System.setProperty(RateSamplingStrategy.PROPERTY, "0.25");

    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();

    assertThat(rateOf(recorder.getSamplingStrategy())).isEqualTo(0.25);
    assertThat(recorder.getSamplingStrategy().isForcedSamplingSupported()).isFalse();
  }

  @Test
  void aStrategySetThroughTheBuilderWins() {
    System.setProperty(RateSamplingStrategy.PROPERTY, "0.25");
    AllSamplingStrategy mine = new AllSamplingStrategy();

    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().withSamplingStrategy(mine).build();

    assertThat(recorder.getSamplingStrategy()).isSameAs(mine);
    environment.put(RateSamplingStrategy.ENVIRONMENT_VARIABLE, "0.5");
    assertThat(resolve(mine)).isSameAs(mine);
  }

  @Test
  void theEnvironmentVariableAloneSetsTheRate() {
    environment.put(RateSamplingStrategy.ENVIRONMENT_VARIABLE, " 0.1 ");

    assertThat(rateOf(resolve(null))).isEqualTo(0.1);
  }

  @Test
  void theSystemPropertyWinsOverTheEnvironmentVariable() {
    environment.put(RateSamplingStrategy.ENVIRONMENT_VARIABLE, "0.1");
    properties.put(RateSamplingStrategy.PROPERTY, "0.75");

    assertThat(rateOf(resolve(null))).isEqualTo(0.75);
  }

  @Test
  void theBoundsAreAccepted() {
    environment.put(RateSamplingStrategy.ENVIRONMENT_VARIABLE, "0");
    assertThat(rateOf(resolve(null))).isZero();
    environment.put(RateSamplingStrategy.ENVIRONMENT_VARIABLE, "1");
    assertThat(rateOf(resolve(null))).isEqualTo(1.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-0.1", "ten percent", "NaN", "Infinity"})
  void anUnusableValueIsIgnoredWithOneWarningNamingIt(String value) {
    environment.put(RateSamplingStrategy.ENVIRONMENT_VARIABLE, value);
    try (LogCapture logs = new LogCapture()) {
      assertThat(resolve(null)).isNull();

      assertThat(
              logs.records().stream()
                  .filter(r -> r.getLevel() == Level.WARNING)
                  .map(r -> r.getMessage())
                  .collect(Collectors.toList()))
          .singleElement()
          .satisfies(m -> assertThat(m)
              .contains(RateSamplingStrategy.ENVIRONMENT_VARIABLE)
              .contains(value)
              .endsWith("using the default sampling instead"));
    }
  }

  @Test
  void theRateStrategySamplesItsFractionWithASeededRandom() {
    Random random = new Random(11);
    RateSamplingStrategy strategy = new RateSamplingStrategy(0.3, random::nextDouble);
    SamplingRequest request = new SamplingRequest("s", null, null, null, null);

    int sampled = 0;
    for (int i = 0; i < 100_000; i++) {
      if (strategy.shouldTrace(request).isSampled()) {
        sampled++;
      }
    }

    // Binomial(100000, 0.3) has a standard deviation of about 145: these bounds are 5 of them.
    assertThat(sampled).isBetween(29_275, 30_725);
    assertThat(strategy.shouldTrace(request).getRuleName()).isEmpty();
  }

  @Test
  void rateZeroSamplesNothingAndRateOneEverything() {
    SamplingRequest request = new SamplingRequest("s", null, null, null, null);
    RateSamplingStrategy none = new RateSamplingStrategy(0.0, () -> 0.0);
    RateSamplingStrategy all = new RateSamplingStrategy(1.0, () -> 0.9999999);

    assertThat(none.shouldTrace(request).isSampled()).isFalse();
    assertThat(all.shouldTrace(request).isSampled()).isTrue();
  }
}

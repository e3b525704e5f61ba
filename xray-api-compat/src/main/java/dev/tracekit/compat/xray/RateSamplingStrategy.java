package dev.tracekit.compat.xray;

import com.amazonaws.xray.strategy.sampling.SamplingRequest;
import com.amazonaws.xray.strategy.sampling.SamplingResponse;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import com.amazonaws.xray.strategy.sampling.rand.Rand;
import com.amazonaws.xray.strategy.sampling.rand.RandImpl;
import java.util.Locale;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Samples a fixed fraction of segments, each by its own random draw, with no reservoir and no
 * rules: what {@code TRACEKIT_SAMPLING_RATE} makes of the default strategy. Thread-safe.
 */
final class RateSamplingStrategy implements SamplingStrategy {
  static final String PROPERTY = "tracekit.samplingRate";
  static final String ENVIRONMENT_VARIABLE = "TRACEKIT_SAMPLING_RATE";

  // Not throttled: at most one record per recorder built, while the app configures itself.
  private static final Logger LOGGER = Logger.getLogger(RateSamplingStrategy.class.getName());

  private final double rate;
  private final Rand rand;

  RateSamplingStrategy(double rate, Rand rand) {
    this.rate = rate;
    this.rand = rand;
  }

  /**
   * Returns the strategy the {@code tracekit.samplingRate} system property, else the {@code
   * TRACEKIT_SAMPLING_RATE} environment variable, asks for; null when neither is set, or when the
   * value is not a number from 0 to 1 (logged).
   */
  @Nullable
  static RateSamplingStrategy fromSettings(
      Function<String, String> systemProperties, Function<String, String> environment) {
    String name = PROPERTY;
    String value = systemProperties.apply(PROPERTY);
    if (value == null || value.trim().isEmpty()) {
      name = ENVIRONMENT_VARIABLE;
      value = environment.apply(ENVIRONMENT_VARIABLE);
    }
    if (value == null || value.trim().isEmpty()) {
      return null;
    }
    double rate;
    try {
      rate = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    if (!(rate >= 0.0 && rate <= 1.0)) {
      LOGGER.log(
          Level.WARNING,
          name
              + "="
              + value
              + " is not a sampling rate from 0 to 1; keeping X-Ray's default sampling.");
      return null;
    }
    return new RateSamplingStrategy(rate, new RandImpl());
  }

  double getRate() {
    return rate;
  }

  @Override
  public SamplingResponse shouldTrace(SamplingRequest sampleRequest) {
    return new SamplingResponse(rand.next() < rate);
  }

  @Override
  public boolean isForcedSamplingSupported() {
    return false;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RateSamplingStrategy{rate=%s}", rate);
  }
}

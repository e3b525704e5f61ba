package dev.tracekit.compat.xray;

import com.amazonaws.xray.strategy.sampling.SamplingRequest;
import com.amazonaws.xray.strategy.sampling.SamplingResponse;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import com.amazonaws.xray.strategy.sampling.rand.Rand;
import com.amazonaws.xray.strategy.sampling.rand.RandImpl;
import dev.tracekit.compat.core.TraceKitSettings;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Samples a fixed fraction of segments, each by its own random draw, with no reservoir and no
 * rules: what {@code TRACEKIT_SAMPLING_RATE} makes of the default strategy. Thread-safe.
 */
final class RateSamplingStrategy implements SamplingStrategy {
  static final String PROPERTY = "tracekit.samplingRate";
  static final String ENVIRONMENT_VARIABLE = "TRACEKIT_SAMPLING_RATE";

  private final double rate;
  private final Rand rand;

  RateSamplingStrategy(double rate, Rand rand) {
    this.rate = rate;
    this.rand = rand;
  }

  /**
   * Returns the strategy the {@code tracekit.samplingRate} system property, else the {@code
   * TRACEKIT_SAMPLING_RATE} environment variable, asks for; null when neither is set, or when the
   * value is not a number from 0 to 1 (warned about once, by the settings).
   */
  @Nullable
  static RateSamplingStrategy fromSettings(TraceKitSettings settings) {
    Double rate = settings.samplingRate();
    return rate == null ? null : new RateSamplingStrategy(rate, new RandImpl());
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

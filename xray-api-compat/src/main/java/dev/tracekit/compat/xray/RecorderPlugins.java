package dev.tracekit.compat.xray;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.plugins.Plugin;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/** Applies plugins and configuration overrides to a recorder being built. */
public final class RecorderPlugins {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(RecorderPlugins.class.getName()));

  private RecorderPlugins() {}

  /** Returns the plugins {@code withDefaultPlugins()} adds. */
  public static List<Plugin> defaultPlugins() {
    return Collections.emptyList();
  }

  /**
   * Returns the sampling strategy to use: the builder's; else, when {@code tracekit.samplingRate}
   * or {@code TRACEKIT_SAMPLING_RATE} is set, one sampling that fraction of segments; else null,
   * which keeps the recorder's default ({@code DefaultSamplingStrategy}).
   */
  @Nullable
  public static SamplingStrategy samplingStrategy(@Nullable SamplingStrategy configured) {
    return samplingStrategy(configured, System::getProperty, System::getenv);
  }

  @Nullable
  static SamplingStrategy samplingStrategy(
      @Nullable SamplingStrategy configured,
      Function<String, String> systemProperties,
      Function<String, String> environment) {
    if (configured != null) {
      return configured;
    }
    return RateSamplingStrategy.fromSettings(systemProperties, environment);
  }

  /**
   * Adds each enabled plugin's runtime context to the recorder's {@code aws} map, its log references
   * and origin. A plugin that throws is skipped.
   */
  public static void apply(AWSXRayRecorder recorder, Collection<Plugin> plugins) {
    for (Plugin plugin : plugins) {
      try {
        if (!plugin.isEnabled()) {
          continue;
        }
        Map<String, Object> runtimeContext = plugin.getRuntimeContext();
        if (runtimeContext != null && !runtimeContext.isEmpty()) {
          recorder.putRuntimeContext(plugin.getServiceName(), runtimeContext);
        }
        recorder.addAllLogReferences(plugin.getLogReferences());
        if (recorder.getOrigin() == null && plugin.getOrigin() != null) {
          recorder.setOrigin(plugin.getOrigin());
        }
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, "Skipping X-Ray plugin " + plugin.getClass().getName() + ": " + e);
      }
    }
  }
}

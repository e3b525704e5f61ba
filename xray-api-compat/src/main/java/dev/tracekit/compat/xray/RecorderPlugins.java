package dev.tracekit.compat.xray;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.AWSLogReference;
import com.amazonaws.xray.plugins.EC2Plugin;
import com.amazonaws.xray.plugins.ECSPlugin;
import com.amazonaws.xray.plugins.EKSPlugin;
import com.amazonaws.xray.plugins.ElasticBeanstalkPlugin;
import com.amazonaws.xray.plugins.Plugin;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import dev.tracekit.compat.core.TraceKitSettings;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.xray.mapping.XRayResourceMapping;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/** Applies plugins and configuration overrides to a recorder being built. */
public final class RecorderPlugins {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(RecorderPlugins.class.getName()));

  // The X-Ray SDK's builder adds the log group this variable names to the log references.
  private static final String LOG_GROUP_ENVIRONMENT = "AWS_LOG_GROUP";
  // Lower ranks win: the more specific platform is the origin (EKS and ECS run on EC2, …).
  private static final Map<String, Integer> ORIGIN_RANKS;

  static {
    Map<String, Integer> ranks = new HashMap<>();
    ranks.put(ElasticBeanstalkPlugin.ORIGIN, 0);
    ranks.put(EKSPlugin.ORIGIN, 1);
    ranks.put(ECSPlugin.ORIGIN, 2);
    ranks.put(EC2Plugin.ORIGIN, 3);
    ORIGIN_RANKS = Collections.unmodifiableMap(ranks);
  }

  private RecorderPlugins() {}

  /**
   * Returns the plugins {@code withDefaultPlugins()} adds, new each time: EC2, ECS, EKS and Elastic
   * Beanstalk, as the X-Ray SDK. Each reads its metadata only when the recorder is built.
   */
  public static List<Plugin> defaultPlugins() {
    return Arrays.<Plugin>asList(
        new EC2Plugin(), new ECSPlugin(), new EKSPlugin(), new ElasticBeanstalkPlugin());
  }

  /**
   * Returns the sampling strategy to use: the builder's; else, when {@code tracekit.samplingRate}
   * or {@code TRACEKIT_SAMPLING_RATE} is set, one sampling that fraction of segments; else null,
   * which keeps the recorder's default ({@code DefaultSamplingStrategy}).
   */
  @Nullable
  public static SamplingStrategy samplingStrategy(@Nullable SamplingStrategy configured) {
    return samplingStrategy(configured, TraceKitSettings.system());
  }

  @Nullable
  static SamplingStrategy samplingStrategy(
      @Nullable SamplingStrategy configured, TraceKitSettings settings) {
    if (configured != null) {
      return configured;
    }
    return RateSamplingStrategy.fromSettings(settings);
  }

  /**
   * Adds each enabled plugin's runtime context to the recorder's {@code aws} map (when not empty)
   * and its log references, then the log group named by {@code AWS_LOG_GROUP}, as the X-Ray SDK's
   * builder does. The recorder's origin is that of the most specific platform (Elastic Beanstalk,
   * then EKS, then ECS, then EC2; any other origin ranks with Elastic Beanstalk, and on a tie the
   * first plugin wins). What the plugins found also becomes TraceKit resource attributes ({@link
   * XRayResourceMapping}). A plugin that throws is skipped.
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
          String origin = plugin.getOrigin();
          if (origin != null
              && (recorder.getOrigin() == null
                  || originRank(origin) < originRank(recorder.getOrigin()))) {
            recorder.setOrigin(origin);
          }
        }
        recorder.addAllLogReferences(plugin.getLogReferences());
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, "Skipping X-Ray plugin " + plugin.getClass().getName() + ": " + e);
      }
    }
    String logGroup = System.getenv(LOG_GROUP_ENVIRONMENT);
    if (logGroup != null && !logGroup.trim().isEmpty()) {
      AWSLogReference reference = new AWSLogReference();
      reference.setLogGroup(logGroup.trim());
      recorder.addAllLogReferences(Collections.singleton(reference));
    }
    Map<String, String> resource =
        XRayResourceMapping.pluginAttributes(
            recorder.getOrigin(),
            recorder.getAwsRuntimeContext(),
            TraceKitSettings.system().isServiceVersionSet());
    for (Map.Entry<String, String> attribute : resource.entrySet()) {
      XRayTraceKit.putResourceAttribute(attribute.getKey(), attribute.getValue());
    }
  }

  private static int originRank(String origin) {
    Integer rank = ORIGIN_RANKS.get(origin);
    return rank == null ? 0 : rank;
  }
}

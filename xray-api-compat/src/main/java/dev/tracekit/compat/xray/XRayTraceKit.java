package dev.tracekit.compat.xray;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.FacadeSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.strategy.sampling.DefaultSamplingStrategy;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.TraceKitSettings;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Starts the TraceKit pipeline when the first X-Ray entity begins, unless the application
 * initialized TraceKit itself. Settings come from the configuration ({@link TraceKitConfig}: {@code
 * TRACEKIT_*}, then {@code OTEL_*}); the service name, when none is configured, is {@code
 * AWS_XRAY_TRACING_NAME} or else the name of the first segment. A setting that cannot be used costs
 * only itself, said once: an app must not fail, nor lose its traces, because of one tracing setting.
 */
public final class XRayTraceKit {
  private static final Logger LOGGER = Logger.getLogger(XRayTraceKit.class.getName());
  private static final Map<String, String> RESOURCE_ATTRIBUTES = new ConcurrentHashMap<>();
  // The X-Ray SDK's service-name override (SegmentNamingStrategy's keys; env wins).
  private static final String TRACING_NAME_ENVIRONMENT = "AWS_XRAY_TRACING_NAME";
  private static final String TRACING_NAME_PROPERTY = "com.amazonaws.xray.strategy.tracingName";
  private static final String LAMBDA_FUNCTION_NAME_ENVIRONMENT = "AWS_LAMBDA_FUNCTION_NAME";

  private XRayTraceKit() {}

  /** Returns the pipeline to export {@code entity} with, starting it if needed. */
  static Tracer tracer(Entity entity) {
    if (TraceKit.isInitialized()) {
      return TraceKit.tracer();
    }
    return TraceKit.initIfAbsent(() -> config(entity));
  }

  /**
   * Adds a resource attribute (from a plugin, say) for a pipeline this module starts later. Has no
   * effect on a pipeline already running.
   */
  public static void putResourceAttribute(String key, String value) {
    if (key != null && value != null) {
      RESOURCE_ATTRIBUTES.put(key, value);
    }
  }

  /** Clears the attributes {@link #putResourceAttribute} added: for tests. */
  static void clearResourceAttributes() {
    RESOURCE_ATTRIBUTES.clear();
  }

  /** Returns the settings this module starts TraceKit with, before they are resolved. */
  static TraceKitConfig.Builder configBuilder(Entity entity) {
    TraceKitConfig.Builder builder = TraceKitConfig.builder();
    if (!TraceKitSettings.system().isServiceNameSet()) {
      builder.setServiceName(serviceName(entity));
    }
    for (Map.Entry<String, String> attribute : RESOURCE_ATTRIBUTES.entrySet()) {
      builder.putResourceAttribute(attribute.getKey(), attribute.getValue());
    }
    AWSXRayRecorder recorder = entity.getCreator();
    if (recorder != null) {
      builder.setSamplingDescription("X-Ray segments by " + describe(recorder.getSamplingStrategy()));
    }
    return builder;
  }

  private static TraceKitConfig config(Entity entity) {
    try {
      return configBuilder(entity).build();
    } catch (IllegalArgumentException e) {
      LOGGER.log(
          Level.SEVERE, "TraceKit is disabled: " + e.getMessage() + ". X-Ray calls keep working.");
      // Not builder().build(): it would read the same bad setting again, fail again, and this
      // would be logged anew for every entity.
      return TraceKitConfig.disabled();
    }
  }

  private static String describe(@Nullable SamplingStrategy strategy) {
    if (strategy instanceof RateSamplingStrategy) {
      return "TRACEKIT_SAMPLING_RATE, " + ((RateSamplingStrategy) strategy).getRate() + " of segments";
    }
    if (strategy instanceof DefaultSamplingStrategy) {
      return "X-Ray's default sampling rule";
    }
    return strategy == null ? "no sampling strategy" : "the app's " + strategy.getClass().getSimpleName();
  }

  private static String serviceName(Entity entity) {
    String tracingName =
        firstNonBlank(
            System.getenv(TRACING_NAME_ENVIRONMENT), System.getProperty(TRACING_NAME_PROPERTY));
    if (tracingName != null) {
      return tracingName;
    }
    Segment segment = entity.getParentSegment();
    if (segment instanceof FacadeSegment) {
      // In Lambda the segment is the Lambda service's ("facade"): the function names the service.
      String function = firstNonBlank(System.getenv(LAMBDA_FUNCTION_NAME_ENVIRONMENT), null);
      if (function != null) {
        return function;
      }
    }
    return segment != null && segment.getName() != null ? segment.getName() : entity.getName();
  }

  @Nullable
  private static String firstNonBlank(@Nullable String a, @Nullable String b) {
    if (a != null && !a.trim().isEmpty()) {
      return a.trim();
    }
    if (b != null && !b.trim().isEmpty()) {
      return b.trim();
    }
    return null;
  }
}

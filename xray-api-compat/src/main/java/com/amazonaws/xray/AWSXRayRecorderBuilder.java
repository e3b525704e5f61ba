package com.amazonaws.xray;

import com.amazonaws.xray.contexts.SegmentContextResolverChain;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.listeners.SegmentListener;
import com.amazonaws.xray.plugins.Plugin;
import com.amazonaws.xray.strategy.ContextMissingStrategy;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.LogErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.PrioritizationStrategy;
import com.amazonaws.xray.strategy.RuntimeErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.StreamingStrategy;
import com.amazonaws.xray.strategy.ThrowableSerializationStrategy;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import dev.tracekit.compat.xray.RecorderPlugins;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Builds an {@link AWSXRayRecorder}, as in the X-Ray SDK. The context-missing strategy named by
 * {@code AWS_XRAY_CONTEXT_MISSING} (or else the system property {@code
 * com.amazonaws.xray.strategy.contextMissingStrategy}) wins over one set here.
 */
public class AWSXRayRecorderBuilder {
  private final Set<Plugin> plugins = new LinkedHashSet<>();
  private final List<SegmentListener> segmentListeners = new ArrayList<>();
  @Nullable private SamplingStrategy samplingStrategy;
  @Nullable private StreamingStrategy streamingStrategy;
  @Nullable private PrioritizationStrategy prioritizationStrategy;
  @Nullable private ThrowableSerializationStrategy throwableSerializationStrategy;
  @Nullable private ContextMissingStrategy contextMissingStrategy;
  @Nullable private SegmentContextResolverChain segmentContextResolverChain;
  @Nullable private Emitter emitter;
  private boolean forcedTraceIdGeneration;

  private AWSXRayRecorderBuilder() {}

  /** Returns the context-missing strategy {@code AWS_XRAY_CONTEXT_MISSING} names, if any. */
  public static Optional<ContextMissingStrategy> contextMissingStrategyFromEnvironmentVariable() {
    return strategyNamed(System.getenv(ContextMissingStrategy.CONTEXT_MISSING_STRATEGY_ENVIRONMENT_VARIABLE_OVERRIDE_KEY));
  }

  /** Returns the context-missing strategy the system property names, if any. */
  public static Optional<ContextMissingStrategy> contextMissingStrategyFromSystemProperty() {
    return strategyNamed(System.getProperty(ContextMissingStrategy.CONTEXT_MISSING_STRATEGY_SYSTEM_PROPERTY_OVERRIDE_KEY));
  }

  private static Optional<ContextMissingStrategy> strategyNamed(@Nullable String name) {
    if (name == null) {
      return Optional.empty();
    }
    switch (name.trim().toUpperCase(Locale.ROOT)) {
      case LogErrorContextMissingStrategy.OVERRIDE_VALUE:
        return Optional.of(new LogErrorContextMissingStrategy());
      case RuntimeErrorContextMissingStrategy.OVERRIDE_VALUE:
        return Optional.of(new RuntimeErrorContextMissingStrategy());
      case IgnoreErrorContextMissingStrategy.OVERRIDE_VALUE:
        return Optional.of(new IgnoreErrorContextMissingStrategy());
      default:
        return Optional.empty();
    }
  }

  public static AWSXRayRecorderBuilder standard() {
    return new AWSXRayRecorderBuilder();
  }

  /** Returns a recorder with the default plugins and strategies. */
  public static AWSXRayRecorder defaultRecorder() {
    return standard().withDefaultPlugins().build();
  }

  public AWSXRayRecorderBuilder withPlugin(Plugin plugin) {
    if (plugin != null) {
      plugins.add(plugin);
    }
    return this;
  }

  public AWSXRayRecorderBuilder withSamplingStrategy(SamplingStrategy samplingStrategy) {
    this.samplingStrategy = samplingStrategy;
    return this;
  }

  public AWSXRayRecorderBuilder withStreamingStrategy(StreamingStrategy streamingStrategy) {
    this.streamingStrategy = streamingStrategy;
    return this;
  }

  public AWSXRayRecorderBuilder withPrioritizationStrategy(PrioritizationStrategy strategy) {
    this.prioritizationStrategy = strategy;
    return this;
  }

  public AWSXRayRecorderBuilder withThrowableSerializationStrategy(
      ThrowableSerializationStrategy strategy) {
    this.throwableSerializationStrategy = strategy;
    return this;
  }

  /** Sets a custom emitter: it receives segments as in the X-Ray SDK, besides span export. */
  public AWSXRayRecorderBuilder withEmitter(Emitter emitter) {
    this.emitter = emitter;
    return this;
  }

  public AWSXRayRecorderBuilder withSegmentContextResolverChain(SegmentContextResolverChain chain) {
    this.segmentContextResolverChain = chain;
    return this;
  }

  public AWSXRayRecorderBuilder withSegmentListener(SegmentListener segmentListener) {
    if (segmentListener != null) {
      segmentListeners.add(segmentListener);
    }
    return this;
  }

  public AWSXRayRecorderBuilder withContextMissingStrategy(ContextMissingStrategy strategy) {
    this.contextMissingStrategy = strategy;
    return this;
  }

  /** Adds the EC2, ECS, EKS and Elastic Beanstalk plugins; each applies only where it runs. */
  public AWSXRayRecorderBuilder withDefaultPlugins() {
    plugins.addAll(RecorderPlugins.defaultPlugins());
    return this;
  }

  /** Kept for compatibility: one id generator serves both. */
  public AWSXRayRecorderBuilder withFastIdGenerator() {
    return this;
  }

  /** Kept for compatibility: one id generator serves both. */
  public AWSXRayRecorderBuilder withSecureIdGenerator() {
    return this;
  }

  public AWSXRayRecorderBuilder withForcedTraceIdGeneration() {
    this.forcedTraceIdGeneration = true;
    return this;
  }

  /** Returns the recorder. Plugins that fail are skipped with a log line; nothing throws. */
  public AWSXRayRecorder build() {
    AWSXRayRecorder recorder = new AWSXRayRecorder();
    recorder.setSamplingStrategy(RecorderPlugins.samplingStrategy(samplingStrategy));
    recorder.setStreamingStrategy(streamingStrategy);
    recorder.setPrioritizationStrategy(prioritizationStrategy);
    recorder.setThrowableSerializationStrategy(throwableSerializationStrategy);
    Optional<ContextMissingStrategy> override = contextMissingStrategyFromEnvironmentVariable();
    if (!override.isPresent()) {
      override = contextMissingStrategyFromSystemProperty();
    }
    recorder.setContextMissingStrategy(override.orElse(contextMissingStrategy));
    recorder.setSegmentContextResolverChain(segmentContextResolverChain);
    recorder.setEmitter(emitter);
    recorder.addAllSegmentListeners(segmentListeners);
    recorder.setForcedTraceIdGeneration(forcedTraceIdGeneration);
    RecorderPlugins.apply(recorder, plugins);
    return recorder;
  }
}

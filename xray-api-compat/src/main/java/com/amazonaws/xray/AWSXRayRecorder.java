package com.amazonaws.xray;

import com.amazonaws.xray.contexts.LambdaSegmentContextResolver;
import com.amazonaws.xray.contexts.SegmentContext;
import com.amazonaws.xray.contexts.SegmentContextResolverChain;
import com.amazonaws.xray.contexts.ThreadLocalSegmentContextResolver;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.AWSLogReference;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.FacadeSegment;
import com.amazonaws.xray.entities.NoOpSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.SegmentImpl;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceID;
import com.amazonaws.xray.exceptions.SegmentNotFoundException;
import com.amazonaws.xray.exceptions.SubsegmentNotFoundException;
import com.amazonaws.xray.internal.IdGenerator;
import com.amazonaws.xray.internal.SamplingStrategyOverride;
import com.amazonaws.xray.listeners.SegmentListener;
import com.amazonaws.xray.strategy.ContextMissingStrategy;
import com.amazonaws.xray.strategy.DefaultContextMissingStrategy;
import com.amazonaws.xray.strategy.DefaultPrioritizationStrategy;
import com.amazonaws.xray.strategy.DefaultStreamingStrategy;
import com.amazonaws.xray.strategy.DefaultThrowableSerializationStrategy;
import com.amazonaws.xray.strategy.PrioritizationStrategy;
import com.amazonaws.xray.strategy.StreamingStrategy;
import com.amazonaws.xray.strategy.ThrowableSerializationStrategy;
import com.amazonaws.xray.strategy.sampling.DefaultSamplingStrategy;
import com.amazonaws.xray.strategy.sampling.SamplingRequest;
import com.amazonaws.xray.strategy.sampling.SamplingResponse;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.xray.EntityData;
import dev.tracekit.compat.xray.RecorderDefaults;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Begins, ends and tracks segments and subsegments, as the X-Ray SDK's recorder does; each entity
 * becomes a TraceKit span when it ends. Build one with {@link AWSXRayRecorderBuilder}, or use the
 * global one through {@link AWSXRay}. Thread-safe. Apart from the RUNTIME_ERROR context-missing
 * strategy, nothing here throws into the application.
 */
public class AWSXRayRecorder {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(AWSXRayRecorder.class.getName()));

  private SamplingStrategy samplingStrategy;
  private StreamingStrategy streamingStrategy;
  private PrioritizationStrategy prioritizationStrategy;
  private ThrowableSerializationStrategy throwableSerializationStrategy;
  private ContextMissingStrategy contextMissingStrategy;
  private IdGenerator idGenerator;
  private SegmentContextResolverChain segmentContextResolverChain;
  private Emitter emitter;
  private final ArrayList<SegmentListener> segmentListeners = new ArrayList<>();
  // Small maps: each segment takes a copy of both, which shares their entries (see EntityData).
  private final Map<String, Object> awsRuntimeContext = EntityData.newMap();
  private final Map<String, Object> serviceRuntimeContext = EntityData.newMap();
  private final Set<AWSLogReference> logReferences = ConcurrentHashMap.newKeySet();
  @Nullable private String origin;
  private boolean forcedTraceIdGeneration;

  /** A recorder with the default strategies; prefer {@link AWSXRayRecorderBuilder}. */
  public AWSXRayRecorder() {
    samplingStrategy = new DefaultSamplingStrategy();
    streamingStrategy = new DefaultStreamingStrategy();
    prioritizationStrategy = new DefaultPrioritizationStrategy();
    throwableSerializationStrategy = new DefaultThrowableSerializationStrategy();
    contextMissingStrategy = new DefaultContextMissingStrategy();
    idGenerator = RecorderDefaults.idGenerator();
    segmentContextResolverChain = new SegmentContextResolverChain();
    segmentContextResolverChain.addResolver(new LambdaSegmentContextResolver());
    segmentContextResolverChain.addResolver(new ThreadLocalSegmentContextResolver());
    emitter = RecorderDefaults.emitter();
    awsRuntimeContext.put("xray", RecorderDefaults.sdkDescription());
    serviceRuntimeContext.putAll(RecorderDefaults.runtimeDescription());
  }

  // --- sending ---

  /**
   * Sends a finished segment to the emitter (the TraceKit spans are already exported as each entity
   * ended). Returns false when it was not sent: unsampled or no-op.
   */
  public boolean sendSegment(Segment segment) {
    if (segment == null || !segment.isSampled() || segment instanceof NoOpSegment) {
      return false;
    }
    try {
      return emitter.sendSegment(segment);
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Emitter failed to send segment " + segment.getName() + ": " + e);
      return false;
    }
  }

  /** Sends a streamed subsegment to the emitter. */
  public boolean sendSubsegment(Subsegment subsegment) {
    if (subsegment == null || !subsegment.isSampled()) {
      return false;
    }
    try {
      return emitter.sendSubsegment(subsegment);
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Emitter failed to send subsegment " + subsegment.getName() + ": " + e);
      return false;
    }
  }

  // --- create* helpers: begin, run, record what the code throws, end ---

  public <R> R createSegment(String name, Function<Segment, R> function) {
    Segment segment = beginSegment(name);
    try {
      return function.apply(segment);
    } catch (Exception e) {
      // Errors are rethrown without being recorded, as the X-Ray SDK does.
      segment.addException(e);
      throw e;
    } finally {
      endSegment();
    }
  }

  public void createSegment(String name, Consumer<Segment> consumer) {
    createSegment(name, (Function<Segment, Void>) s -> {
      consumer.accept(s);
      return null;
    });
  }

  public <R> R createSegment(String name, Supplier<R> supplier) {
    return createSegment(name, (Function<Segment, R>) s -> supplier.get());
  }

  public void createSegment(String name, Runnable runnable) {
    createSegment(name, (Function<Segment, Void>) s -> {
      runnable.run();
      return null;
    });
  }

  public <R> R createSubsegment(String name, Function<Subsegment, R> function) {
    Subsegment subsegment = beginSubsegment(name);
    try {
      return function.apply(subsegment);
    } catch (Exception e) {
      subsegment.addException(e);
      throw e;
    } finally {
      endSubsegment();
    }
  }

  public void createSubsegment(String name, Consumer<Subsegment> consumer) {
    createSubsegment(name, (Function<Subsegment, Void>) s -> {
      consumer.accept(s);
      return null;
    });
  }

  public <R> R createSubsegment(String name, Supplier<R> supplier) {
    return createSubsegment(name, (Function<Subsegment, R>) s -> supplier.get());
  }

  public void createSubsegment(String name, Runnable runnable) {
    createSubsegment(name, (Function<Subsegment, Void>) s -> {
      runnable.run();
      return null;
    });
  }

  // --- segments ---

  /** Begins a sampled segment in a new trace and makes it current. */
  public Segment beginSegment(String name) {
    return beginSegment(name, TraceID.create(this), null);
  }

  /** Begins a segment for which the sampling strategy decides. */
  public Segment beginSegmentWithSampling(String name) {
    SamplingResponse response;
    try {
      response = samplingStrategy.shouldTrace(new SamplingRequest(name, null, null, null, origin));
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Sampling strategy failed; not sampling: " + e);
      response = new SamplingResponse(false);
    }
    if (response.isSampled()) {
      Segment segment = beginSegment(name);
      response.getRuleName().ifPresent(segment::setRuleName);
      return segment;
    }
    if (samplingStrategy.isForcedSamplingSupported()) {
      Segment segment = beginSegment(name);
      segment.setSampled(false);
      response.getRuleName().ifPresent(segment::setRuleName);
      return segment;
    }
    return beginNoOpSegment();
  }

  /** Begins a segment in trace {@code traceId} with parent {@code parentId} and makes it current. */
  public Segment beginSegment(String name, TraceID traceId, @Nullable String parentId) {
    Segment segment = new SegmentImpl(this, name, traceId == null ? TraceID.create(this) : traceId);
    if (parentId != null) {
      segment.setParentId(parentId);
    }
    // As the X-Ray SDK's beginSegment: the recorder's aws map, origin and service map, then the
    // plugins' log groups. Copies of the recorder's maps (as putAll would make) that share its
    // entries until changed, on a segment that has none of its own yet.
    segment.setAws(EntityData.copyOf(getAwsRuntimeContext()));
    segment.setOrigin(getOrigin());
    segment.setService(EntityData.copyOf(getServiceRuntimeContext()));
    if (!logReferences.isEmpty()) {
      segment.putAws("cloudwatch_logs", new HashSet<>(logReferences));
    }
    return beginSegment(segment);
  }

  private Segment beginSegment(Segment segment) {
    SegmentContext context = getSegmentContext();
    if (context == null) {
      return segment;
    }
    Entity current = context.getTraceEntity();
    if (current != null) {
      LOGGER.log(
          Level.FINE,
          "Beginning new segment while another segment exists in the segment context. Overwriting current segment named '"
              + current.getParentSegment().getName() + "' to start new segment named '" + segment.getName() + "'.");
    }
    context.beginSegment(this, segment);
    for (SegmentListener listener : listenersSnapshot()) {
      try {
        listener.onBeginSegment(segment);
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, "Segment listener threw " + e);
      }
    }
    return segment;
  }

  /**
   * Begins a segment that records nothing. As in the X-Ray SDK, its trace id is the invalid
   * (all-zero) one unless {@link #setForcedTraceIdGeneration forced trace id generation} is on.
   */
  public Segment beginNoOpSegment() {
    return beginNoOpSegment(forcedTraceIdGeneration ? TraceID.create(this) : TraceID.invalid());
  }

  /** Begins a segment that records nothing, in trace {@code traceId}. */
  public Segment beginNoOpSegment(TraceID traceId) {
    return beginSegment(Segment.noOp(traceId, this));
  }

  /** Begins a segment that records nothing, with the invalid trace id. */
  @Deprecated
  public Segment beginDummySegment() {
    return beginNoOpSegment(TraceID.invalid());
  }

  @Deprecated
  public Segment beginDummySegment(String name, TraceID traceId) {
    return beginNoOpSegment(traceId);
  }

  @Deprecated
  public Segment beginDummySegment(TraceID traceId) {
    return beginNoOpSegment(traceId);
  }

  /** Ends the current segment (even when a subsegment is current), sends it, clears the context. */
  public void endSegment() {
    SegmentContext context = getSegmentContext();
    if (context == null) {
      return;
    }
    Entity current = context.getTraceEntity();
    if (current == null) {
      contextMissingStrategy.contextMissing(
          "Failed to end segment: segment cannot be found.", SegmentNotFoundException.class);
      return;
    }
    Segment segment = current.getParentSegment();
    if (segment instanceof FacadeSegment) {
      // The X-Ray SDK throws here; the Lambda service ends its own segment, so this is a no-op.
      LOGGER.log(Level.WARNING, "Not ending the Lambda facade segment: Lambda ends its segment itself.");
      return;
    }
    for (SegmentListener listener : listenersSnapshot()) {
      try {
        listener.beforeEndSegment(segment);
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, "Segment listener threw " + e);
      }
    }
    if (segment.end()) {
      sendSegment(segment);
    } else if (LOGGER.isLoggable(Level.FINE)) {
      LOGGER.log(
          Level.FINE,
          "Not emitting segment named " + segment.getName() + " as it parents in-progress subsegments.");
    }
    for (SegmentListener listener : listenersSnapshot()) {
      try {
        listener.afterEndSegment(segment);
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, "Segment listener threw " + e);
      }
    }
    context.endSegment(this);
  }

  // --- subsegments ---

  /** Begins a subsegment of the current entity and makes it current. */
  public Subsegment beginSubsegment(String name) {
    SegmentContext context = getSegmentContext();
    if (context == null) {
      return Subsegment.noOp(this);
    }
    return context.beginSubsegment(this, name);
  }

  /** Begins a subsegment that is never sampled. */
  public Subsegment beginSubsegmentWithoutSampling(String name) {
    SegmentContext context = getSegmentContext();
    if (context == null) {
      return Subsegment.noOp(this, true, SamplingStrategyOverride.FALSE);
    }
    return context.beginSubsegmentWithoutSampling(this, name);
  }

  /** Ends the current subsegment and makes its parent current. */
  public void endSubsegment() {
    SegmentContext context = getSegmentContext();
    if (context != null) {
      context.endSubsegment(this);
    }
  }

  /**
   * Ends {@code subsegment}, which need not be current (it may have been begun on another thread),
   * and sends its segment if that was the last thing open. As in the X-Ray SDK, this neither changes
   * the current entity nor calls segment listeners, and a null subsegment is ignored.
   */
  public void endSubsegment(Subsegment subsegment) {
    if (subsegment == null) {
      return;
    }
    boolean segmentCanBeSent = subsegment.end();
    if (segmentCanBeSent) {
      sendSegment(subsegment.getParentSegment());
    }
  }

  // --- context ---

  @Nullable
  private SegmentContext getSegmentContext() {
    SegmentContext context = segmentContextResolverChain.resolve();
    if (context == null) {
      LOGGER.log(Level.WARNING, "No segment context resolved; X-Ray calls record nothing.");
    }
    return context;
  }

  /** Returns the current segment, or null (after the context-missing strategy) when there is none. */
  @Nullable
  public Segment getCurrentSegment() {
    Optional<Segment> segment = getCurrentSegmentOptional();
    if (!segment.isPresent()) {
      contextMissingStrategy.contextMissing("No segment in progress.", SegmentNotFoundException.class);
      return null;
    }
    return segment.get();
  }

  public Optional<Segment> getCurrentSegmentOptional() {
    Entity current = getTraceEntity();
    if (current == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(current instanceof Segment ? (Segment) current : current.getParentSegment());
  }

  /** Returns the current subsegment, or null (after the context-missing strategy) when there is none. */
  @Nullable
  public Subsegment getCurrentSubsegment() {
    if (getTraceEntity() == null) {
      contextMissingStrategy.contextMissing("No segment in progress.", SegmentNotFoundException.class);
      return null;
    }
    Optional<Subsegment> subsegment = getCurrentSubsegmentOptional();
    if (!subsegment.isPresent()) {
      contextMissingStrategy.contextMissing(
          "No subsegment in progress.", SubsegmentNotFoundException.class);
      return null;
    }
    return subsegment.get();
  }

  public Optional<Subsegment> getCurrentSubsegmentOptional() {
    Entity current = getTraceEntity();
    return current instanceof Subsegment ? Optional.of((Subsegment) current) : Optional.<Subsegment>empty();
  }

  /** @deprecated use {@link #setTraceEntity(Entity)} */
  @Deprecated
  public void injectThreadLocal(Entity entity) {
    setTraceEntity(entity);
  }

  /** @deprecated use {@link #getTraceEntity()} */
  @Deprecated
  @Nullable
  public Entity getThreadLocal() {
    return getTraceEntity();
  }

  /** @deprecated use {@link #clearTraceEntity()} */
  @Deprecated
  public void clearThreadLocal() {
    clearTraceEntity();
  }

  /** Makes {@code entity} current on this thread: how work moves to another thread. */
  @Deprecated
  public void setTraceEntity(@Nullable Entity entity) {
    SegmentContext context = getSegmentContext();
    if (context != null) {
      context.setTraceEntity(entity);
    }
  }

  @Nullable
  public Entity getTraceEntity() {
    SegmentContext context = getSegmentContext();
    return context == null ? null : context.getTraceEntity();
  }

  public void clearTraceEntity() {
    SegmentContext context = getSegmentContext();
    if (context != null) {
      context.clearTraceEntity();
    }
  }

  // --- runtime context ---

  /** Adds an entry to the {@code aws} map of every segment begun from now on. */
  public void putRuntimeContext(String key, Object value) {
    if (key != null && value != null) {
      awsRuntimeContext.put(key, value);
    }
  }

  public void addAllLogReferences(Set<AWSLogReference> logReferences) {
    if (logReferences != null) {
      this.logReferences.addAll(logReferences);
    }
  }

  /** Returns the log references plugins found (part of every segment's {@code aws} map in X-Ray). */
  Set<AWSLogReference> getLogReferences() {
    return Collections.unmodifiableSet(logReferences);
  }

  // --- strategies and settings ---

  public SamplingStrategy getSamplingStrategy() {
    return samplingStrategy;
  }

  public void setSamplingStrategy(SamplingStrategy samplingStrategy) {
    if (samplingStrategy != null) {
      this.samplingStrategy = samplingStrategy;
    }
  }

  public StreamingStrategy getStreamingStrategy() {
    return streamingStrategy;
  }

  public void setStreamingStrategy(StreamingStrategy streamingStrategy) {
    if (streamingStrategy != null) {
      this.streamingStrategy = streamingStrategy;
    }
  }

  public PrioritizationStrategy getPrioritizationStrategy() {
    return prioritizationStrategy;
  }

  public void setPrioritizationStrategy(PrioritizationStrategy prioritizationStrategy) {
    if (prioritizationStrategy != null) {
      this.prioritizationStrategy = prioritizationStrategy;
    }
  }

  public ThrowableSerializationStrategy getThrowableSerializationStrategy() {
    return throwableSerializationStrategy;
  }

  public void setThrowableSerializationStrategy(ThrowableSerializationStrategy strategy) {
    if (strategy != null) {
      this.throwableSerializationStrategy = strategy;
    }
  }

  public ContextMissingStrategy getContextMissingStrategy() {
    return contextMissingStrategy;
  }

  public void setContextMissingStrategy(ContextMissingStrategy contextMissingStrategy) {
    if (contextMissingStrategy != null) {
      this.contextMissingStrategy = contextMissingStrategy;
    }
  }

  public SegmentContextResolverChain getSegmentContextResolverChain() {
    return segmentContextResolverChain;
  }

  public void setSegmentContextResolverChain(SegmentContextResolverChain chain) {
    if (chain != null) {
      this.segmentContextResolverChain = chain;
    }
  }

  public Emitter getEmitter() {
    return emitter;
  }

  public void setEmitter(Emitter emitter) {
    if (emitter != null) {
      this.emitter = emitter;
    }
  }

  public ArrayList<SegmentListener> getSegmentListeners() {
    return segmentListeners;
  }

  public void addSegmentListener(SegmentListener listener) {
    if (listener != null) {
      synchronized (segmentListeners) {
        segmentListeners.add(listener);
      }
    }
  }

  public void addAllSegmentListeners(Collection<SegmentListener> listeners) {
    if (listeners != null) {
      for (SegmentListener listener : listeners) {
        addSegmentListener(listener);
      }
    }
  }

  private List<SegmentListener> listenersSnapshot() {
    synchronized (segmentListeners) {
      return segmentListeners.isEmpty()
          ? Collections.<SegmentListener>emptyList()
          : new ArrayList<>(segmentListeners);
    }
  }

  public Map<String, Object> getAwsRuntimeContext() {
    return awsRuntimeContext;
  }

  public Map<String, Object> getServiceRuntimeContext() {
    return serviceRuntimeContext;
  }

  @Nullable
  public String getOrigin() {
    return origin;
  }

  public void setOrigin(@Nullable String origin) {
    this.origin = origin;
  }

  /** Kept for compatibility: ids come from one thread-local random source either way. */
  public final void useFastIdGenerator() {
    idGenerator = RecorderDefaults.idGenerator();
  }

  /** Kept for compatibility: ids come from one thread-local random source either way. */
  public final void useSecureIdGenerator() {
    idGenerator = RecorderDefaults.idGenerator();
  }

  public final IdGenerator getIdGenerator() {
    return idGenerator;
  }

  /**
   * Switches the current segment to sampled when the sampling strategy allows forced sampling.
   * Returns true when it did.
   */
  public boolean forceSamplingOfCurrentSegment() {
    if (!samplingStrategy.isForcedSamplingSupported()) {
      return false;
    }
    Optional<Segment> segment = getCurrentSegmentOptional();
    if (segment.isPresent() && !(segment.get() instanceof NoOpSegment)) {
      segment.get().setSampled(true);
      return true;
    }
    return false;
  }

  /**
   * Returns the id of the current entity, or null (after the context-missing strategy) when there is
   * none.
   */
  @Nullable
  public String currentEntityId() {
    Entity current = getTraceEntity();
    if (current == null) {
      contextMissingStrategy.contextMissing(
          "Failed to get current entity ID: segment or subsegment cannot be found.", SegmentNotFoundException.class);
      return null;
    }
    return current.getId();
  }

  /**
   * Returns the trace id of the current entity's segment, or null (after the context-missing
   * strategy) when there is none.
   */
  @Nullable
  public TraceID currentTraceId() {
    Entity current = getTraceEntity();
    if (current == null) {
      contextMissingStrategy.contextMissing(
          "Failed to get current trace ID: segment cannot be found.", SegmentNotFoundException.class);
      return null;
    }
    return segmentTraceId(current);
  }

  /**
   * The trace id of {@code entity}'s segment, as the X-Ray SDK reports it (they differ only for a
   * {@code DummySubsegment}, whose segment is a dummy of its own); the entity's when it has none.
   */
  private static TraceID segmentTraceId(Entity entity) {
    Segment segment = entity.getParentSegment();
    return segment == null ? entity.getTraceId() : segment.getTraceId();
  }

  /**
   * Returns {@code traceId@entityId} of the current entity (the trace id of its segment, for log
   * correlation), or null (after the context-missing strategy) when there is none.
   */
  @Nullable
  public String currentFormattedId() {
    Entity current = getTraceEntity();
    if (current == null) {
      contextMissingStrategy.contextMissing(
          "Failed to get current formatted ID: segment cannot be found.", SegmentNotFoundException.class);
      return null;
    }
    return segmentTraceId(current) + "@" + current.getId();
  }

  /** When true, segments of unsampled requests still get real trace ids. */
  public void setForcedTraceIdGeneration(boolean forcedTraceIdGeneration) {
    this.forcedTraceIdGeneration = forcedTraceIdGeneration;
  }

  boolean isForcedTraceIdGeneration() {
    return forcedTraceIdGeneration;
  }
}

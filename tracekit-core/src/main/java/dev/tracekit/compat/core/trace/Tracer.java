package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.Scope;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanBuilder;
import dev.tracekit.compat.core.api.SpanContext;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.annotation.Nullable;

/**
 * One span pipeline: sampler, limits, resource and processor. {@link
 * dev.tracekit.compat.core.TraceKit} owns the global one; tests and bridges may build their own.
 * Thread-safe. The current span of a thread is shared by every tracer.
 *
 * <pre>{@code
 * Tracer tracer = Tracer.builder()
 *     .setSpanProcessor(BatchSpanProcessor.builder(exporter).build())
 *     .build();
 * try (Span span = tracer.spanBuilder("work").start()) { ... }
 * tracer.shutdown(5, TimeUnit.SECONDS);
 * }</pre>
 */
public final class Tracer {
  private final Sampler sampler;
  private final SpanLimits spanLimits;
  private final Resource resource;
  @Nullable private final SpanProcessor processor;
  private final LongAdder started = new LongAdder();
  private final LongAdder unsampled = new LongAdder();
  private final LongAdder ended = new LongAdder();

  private Tracer(Builder builder) {
    this.sampler = builder.sampler;
    this.spanLimits = builder.spanLimits;
    this.resource = builder.resource;
    this.processor = builder.processor;
  }

  /** Returns a builder: always-on sampling, default limits, empty resource, no processor. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder for a span named {@code name}. */
  public SpanBuilder spanBuilder(String name) {
    return new SdkSpanBuilder(this, name);
  }

  /** Starts a span named {@code name} as a child of the current span and makes it current. */
  public Span startSpan(String name) {
    return spanBuilder(name).start();
  }

  /** Returns the sampler that decides for new spans. */
  public Sampler getSampler() {
    return sampler;
  }

  /** Returns the bounds on what one span keeps. */
  public SpanLimits getSpanLimits() {
    return spanLimits;
  }

  /** Returns the resource attached to every span. */
  public Resource getResource() {
    return resource;
  }

  /** Returns true when sampled spans are recorded (there is a processor). */
  public boolean isRecordingEnabled() {
    return processor != null;
  }

  /** Exports everything ended so far; waits at most {@code timeout}. Returns false on timeout. */
  public boolean forceFlush(long timeout, TimeUnit unit) {
    return processor == null || processor.forceFlush(timeout, unit);
  }

  /**
   * Flushes and stops the pipeline; waits at most {@code timeout}. Spans that end later are dropped
   * and counted. Returns false on timeout. Idempotent.
   */
  public boolean shutdown(long timeout, TimeUnit unit) {
    return processor == null || processor.shutdown(timeout, unit);
  }

  /** Returns what the pipeline has done with its spans so far. */
  public PipelineStats getStats() {
    ProcessorStats p = processor == null ? ProcessorStats.empty() : processor.getStats();
    return PipelineStats.create(started.sum(), unsampled.sum(), ended.sum(), p);
  }

  void countStarted() {
    started.increment();
  }

  void countUnsampled() {
    unsampled.increment();
  }

  /** A deferred span ended: it goes to the processor, or counts as unsampled without one. */
  void endDeferred(DeferredSpan span) {
    if (processor == null) {
      unsampled.increment();
      return;
    }
    started.increment();
    onEnd(span);
  }

  void onEnd(SpanData span) {
    ended.increment();
    SpanProcessor p = processor;
    if (p == null) {
      return;
    }
    try {
      p.onEnd(span);
    } catch (RuntimeException e) {
      // A processor must not throw; if a custom one does, the app still must not see it.
    }
  }

  @Override
  public String toString() {
    return "Tracer{sampler="
        + sampler.getDescription()
        + ", processor="
        + processor
        + ", resource="
        + resource
        + '}';
  }

  /** Builds a {@link Tracer}. Not thread-safe. */
  public static final class Builder {
    private Sampler sampler = Sampler.alwaysOn();
    private SpanLimits spanLimits = SpanLimits.getDefault();
    private Resource resource = Resource.empty();
    @Nullable private SpanProcessor processor;

    private Builder() {}

    /** Sets the sampler (default: always on). */
    public Builder setSampler(Sampler sampler) {
      this.sampler = Objects.requireNonNull(sampler, "sampler");
      return this;
    }

    /** Sets the span limits (default: {@link SpanLimits#getDefault()}). */
    public Builder setSpanLimits(SpanLimits spanLimits) {
      this.spanLimits = Objects.requireNonNull(spanLimits, "spanLimits");
      return this;
    }

    /** Sets the resource (default: empty). */
    public Builder setResource(Resource resource) {
      this.resource = Objects.requireNonNull(resource, "resource");
      return this;
    }

    /**
     * Sets the processor that receives ended spans. Without one, spans carry context but record
     * nothing.
     */
    public Builder setSpanProcessor(@Nullable SpanProcessor processor) {
      this.processor = processor;
      return this;
    }

    /** Returns the tracer. */
    public Tracer build() {
      return new Tracer(this);
    }
  }
}

package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.TraceID;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanBuilder;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.internal.AnchoredClock;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The span of each Lambda invocation. In Lambda the segment is the Lambda service's own (the X-Ray
 * SDK only sees a {@code FacadeSegment} built from {@code _X_AMZN_TRACE_ID}), and TraceKit never
 * receives it; so each invocation gets a SERVER span of its own here:
 *
 * <ul>
 *   <li>trace id: the header's {@code Root}; parent: the header's {@code Parent} (the Lambda
 *       function segment, as a remote parent);
 *   <li>span id: its own, derived from {@code Parent} by a fixed bijective mix, so every facade of
 *       one invocation (and every thread) maps to the same span without shared state; the facade's
 *       X-Ray id stays {@code Parent}, so X-Ray documents and dual-writes are unchanged;
 *   <li>children: the subsegments whose X-Ray parent is the facade (see {@link #contextOf});
 *   <li>time: from the first subsegment's start to the end of the last subsegment still open, when
 *       the pipeline is also flushed, at most {@value #FLUSH_TIMEOUT_MILLIS} ms, because Lambda
 *       freezes the process once the handler returns. A later subsegment of the same invocation
 *       keeps that span as parent and is flushed when it ends, too.
 * </ul>
 *
 * <p>Unsampled invocations export nothing. Thread-safe; never throws. Not API.
 */
public final class LambdaInvocations {
  /** How long the end of an invocation may wait for its spans to be exported. */
  static final long FLUSH_TIMEOUT_MILLIS = 2_000;

  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(LambdaInvocations.class.getName()));
  private static final String FUNCTION_NAME_ENVIRONMENT = "AWS_LAMBDA_FUNCTION_NAME";
  private static final String FUNCTION_VERSION_ENVIRONMENT = "AWS_LAMBDA_FUNCTION_VERSION";
  private static final String REGION_ENVIRONMENT = "AWS_REGION";
  private static final String DEFAULT_SPAN_NAME = "lambda-invocation";
  // Enough for Lambda's concurrent invocations per process; older ones are long finished.
  private static final int MAX_TRACKED = 64;
  private static final Map<String, Invocation> TRACKED =
      new LinkedHashMap<String, Invocation>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Invocation> eldest) {
          return size() > MAX_TRACKED;
        }
      };
  private static final AtomicBoolean COLD_START = new AtomicBoolean(true);

  private LambdaInvocations() {}

  /**
   * Returns the invocation {@code facade} belongs to, tracking a new one when its trace id and id
   * are new; null when it records nothing (unsampled, or no trace id). {@code fromHeader} tells
   * whether the facade's id is a real parent (the header's {@code Parent}).
   */
  @Nullable
  public static Invocation join(Entity facade, boolean fromHeader) {
    TraceID traceId = facade.getTraceId();
    String id = facade.getId();
    if (!facade.isSampled() || traceId == null || id == null) {
      return null;
    }
    String key = traceId + "/" + id;
    synchronized (TRACKED) {
      Invocation invocation = TRACKED.get(key);
      if (invocation == null) {
        invocation =
            new Invocation(
                TraceKitIds.hex(traceId),
                invocationSpanId(id),
                fromHeader ? id : null,
                AnchoredClock.wallNow(),
                COLD_START.getAndSet(false));
        TRACKED.put(key, invocation);
      }
      return invocation;
    }
  }

  /**
   * Ends, at their last activity, the invocations other than {@code facade}'s that still wait for a
   * subsegment: for a process-wide trace header a new value means the previous invocation is over
   * (a subsegment left open must not cost its invocation span).
   */
  public static void supersedeOthers(Entity facade) {
    String key = facade.getTraceId() + "/" + facade.getId();
    List<Invocation> others = new ArrayList<>();
    synchronized (TRACKED) {
      for (Map.Entry<String, Invocation> entry : TRACKED.entrySet()) {
        if (!entry.getKey().equals(key)) {
          others.add(entry.getValue());
        }
      }
    }
    for (Invocation other : others) {
      other.supersede(facade);
    }
  }

  /**
   * Returns the span context a facade stands for in TraceKit: its invocation's span (not the
   * Lambda segment whose id the facade carries), so that subsegments and TraceKit spans begun
   * under the facade become children of the invocation span.
   */
  public static SpanContext contextOf(Entity facade) {
    TraceID traceId = facade.getTraceId();
    String id = facade.getId();
    if (traceId == null || id == null) {
      return SpanContext.invalid();
    }
    return SpanContext.create(TraceKitIds.hex(traceId), invocationSpanId(id), facade.isSampled());
  }

  /**
   * Returns the invocation span id for the Lambda segment id {@code parentId}: a bijective 64-bit
   * mix (SplitMix64's finalizer), so distinct parents give distinct ids and never the parent's own.
   */
  static String invocationSpanId(String parentId) {
    long z;
    try {
      z = Long.parseUnsignedLong(parentId, 16);
    } catch (NumberFormatException e) {
      z = 0;
      for (int i = 0; i < parentId.length(); i++) {
        z = 31 * z + parentId.charAt(i);
      }
    }
    z += 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z ^= z >>> 31;
    if (z == 0) {
      z = 1;
    }
    String hex = Long.toHexString(z);
    StringBuilder sb = new StringBuilder(16);
    for (int i = hex.length(); i < 16; i++) {
      sb.append('0');
    }
    return sb.append(hex).toString();
  }

  private static void flush() {
    try {
      if (!TraceKit.flush(FLUSH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        LOGGER.log(
            Level.WARNING,
            "Lambda invocation ended but its spans were not all exported within "
                + FLUSH_TIMEOUT_MILLIS + " ms; the rest go out when the process thaws");
      }
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not flush the spans of a Lambda invocation: " + e);
    }
  }

  /**
   * One invocation: counts its open subsegments (the facade's reference count) and exports its
   * span once, when the count drops to zero. Not API.
   */
  public static final class Invocation {
    private final String traceId;
    private final String spanId;
    @Nullable private final String parentSpanId;
    private final long startEpochNanos;
    private final boolean coldStart;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long lastActivityNanos;

    Invocation(
        String traceId,
        String spanId,
        @Nullable String parentSpanId,
        long startEpochNanos,
        boolean coldStart) {
      this.traceId = traceId;
      this.spanId = spanId;
      this.parentSpanId = parentSpanId;
      this.startEpochNanos = startEpochNanos;
      this.coldStart = coldStart;
      this.lastActivityNanos = startEpochNanos;
    }

    /** A subsegment of the invocation began. */
    public void subsegmentBegan() {
      open.incrementAndGet();
    }

    /**
     * A subsegment of the invocation ended (its span is already queued). When none is open any
     * more, exports the invocation span (once) and flushes, blocking at most {@value
     * #FLUSH_TIMEOUT_MILLIS} ms.
     */
    public void subsegmentEnded(Entity facade) {
      long now = AnchoredClock.wallNow();
      lastActivityNanos = now;
      if (open.decrementAndGet() > 0) {
        return;
      }
      end(facade, now, 0);
      flush();
    }

    void supersede(Entity newFacade) {
      int stillOpen = open.get();
      if (stillOpen > 0) {
        end(newFacade, lastActivityNanos, stillOpen);
      }
    }

    private void end(Entity facade, long endEpochNanos, int stillOpen) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      try {
        export(facade, endEpochNanos, stillOpen);
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, "Could not export the span of a Lambda invocation: " + e);
      }
    }

    private void export(Entity facade, long endEpochNanos, int stillOpen) {
      String functionName = System.getenv(FUNCTION_NAME_ENVIRONMENT);
      SpanBuilder builder =
          XRayTraceKit.tracer(facade)
              .spanBuilder(isBlank(functionName) ? DEFAULT_SPAN_NAME : functionName)
              .setTraceId(traceId)
              .setSpanId(spanId)
              .setSampled(true)
              .setSpanKind(SpanKind.SERVER)
              .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS);
      if (parentSpanId != null) {
        builder.setParent(SpanContext.createFromRemoteParent(traceId, parentSpanId, true));
      } else {
        builder.setNoParent();
      }
      Span span = builder.startDetached();
      span.setAttribute("cloud.provider", "aws");
      span.setAttribute("faas.coldstart", coldStart);
      putIfSet(span, "faas.name", functionName);
      putIfSet(span, "faas.version", System.getenv(FUNCTION_VERSION_ENVIRONMENT));
      putIfSet(span, "cloud.region", System.getenv(REGION_ENVIRONMENT));
      if (stillOpen > 0) {
        // A newer invocation began while these were open: they end (if ever) after this span.
        span.setAttribute("aws.xray.lambda.open_subsegments", (long) stillOpen);
      }
      span.end(Math.max(endEpochNanos, startEpochNanos), TimeUnit.NANOSECONDS);
    }

    private static void putIfSet(Span span, String key, @Nullable String value) {
      if (!isBlank(value)) {
        span.setAttribute(key, value);
      }
    }

    private static boolean isBlank(@Nullable String value) {
      return value == null || value.trim().isEmpty();
    }
  }
}

package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanBuilder;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.internal.AnchoredClock;
import dev.tracekit.compat.core.internal.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/** The {@link SpanBuilder} of a {@link Tracer}. Attributes are buffered until the span starts. */
final class SdkSpanBuilder implements SpanBuilder {
  private final Tracer tracer;
  private final String name;
  private SpanKind kind = SpanKind.INTERNAL;
  @Nullable private SpanContext explicitParent;
  @Nullable private Span explicitParentSpan;
  private boolean noParent;
  @Nullable private String traceIdHex;
  @Nullable private String spanIdHex;
  @Nullable private Boolean sampled;
  private long startEpochNanos = -1;
  @Nullable private List<Object> attributes;

  SdkSpanBuilder(Tracer tracer, String name) {
    this.tracer = tracer;
    this.name = name == null ? "" : name;
  }

  @Override
  public SpanBuilder setParent(SpanContext parent) {
    if (parent != null) {
      explicitParent = parent;
      explicitParentSpan = null;
      noParent = false;
    }
    return this;
  }

  @Override
  public SpanBuilder setParent(Span parent) {
    if (parent != null) {
      explicitParent = parent.getSpanContext();
      explicitParentSpan = parent;
      noParent = false;
    }
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    noParent = true;
    explicitParent = null;
    explicitParentSpan = null;
    return this;
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind kind) {
    if (kind != null) {
      this.kind = kind;
    }
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return key == null ? this : buffer(AttributeKey.stringKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return key == null ? this : buffer(AttributeKey.longKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    return key == null ? this : buffer(AttributeKey.doubleKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return key == null ? this : buffer(AttributeKey.booleanKey(key), value);
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    return buffer(key, value);
  }

  private SpanBuilder buffer(@Nullable AttributeKey<?> key, @Nullable Object value) {
    if (key == null || value == null) {
      return this;
    }
    if (attributes == null) {
      attributes = new ArrayList<>(8);
    }
    attributes.add(key);
    attributes.add(value);
    return this;
  }

  @Override
  public SpanBuilder setTraceId(String traceIdHex) {
    this.traceIdHex = traceIdHex;
    return this;
  }

  @Override
  public SpanBuilder setSpanId(String spanIdHex) {
    this.spanIdHex = spanIdHex;
    return this;
  }

  @Override
  public SpanBuilder setSampled(boolean sampled) {
    this.sampled = sampled;
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long timestamp, TimeUnit unit) {
    if (unit != null && timestamp >= 0) {
      this.startEpochNanos = unit.toNanos(timestamp);
    }
    return this;
  }

  @Override
  public Span start() {
    return create(true);
  }

  @Override
  public Span startDetached() {
    return create(false);
  }

  /** Creates the span; when {@code attach}, it is current on this thread until it ends. */
  private Span create(boolean attach) {
    Span parentSpan;
    SpanContext parent;
    if (noParent) {
      parentSpan = null;
      parent = SpanContext.invalid();
    } else if (explicitParent != null) {
      parentSpan = explicitParentSpan;
      parent = explicitParent;
    } else {
      parentSpan = Span.current();
      parent = parentSpan.getSpanContext();
    }

    long traceIdHigh;
    long traceIdLow;
    if (parent.isValid()) {
      traceIdHigh = parent.getTraceIdHigh();
      traceIdLow = parent.getTraceIdLow();
    } else if (traceIdHex != null && Hex.isHex(traceIdHex, 32) && !isZero(traceIdHex)) {
      traceIdHigh = Hex.toLong(traceIdHex, 0);
      traceIdLow = Hex.toLong(traceIdHex, 16);
    } else {
      traceIdHigh = IdGenerator.newTraceIdHigh(System.currentTimeMillis() / 1000);
      traceIdLow = IdGenerator.newTraceIdLow();
    }
    long spanId =
        spanIdHex != null && Hex.isHex(spanIdHex, 16) && Hex.toLong(spanIdHex, 0) != 0
            ? Hex.toLong(spanIdHex, 0)
            : IdGenerator.newSpanId();

    boolean sample =
        sampled != null
            ? sampled
            : tracer.getSampler().shouldSample(parent, traceIdHigh, traceIdLow, name, kind);
    SpanContext context = SpanContext.fromIds(traceIdHigh, traceIdLow, spanId, sample, false);
    if (!sample || !tracer.isRecordingEnabled()) {
      tracer.countUnsampled();
      return attach ? RecordingSpan.startUnsampled(context) : Span.wrap(context);
    }
    // Local descendants share their root's clock anchor, so durations stay monotonic.
    AnchoredClock clock =
        parentSpan instanceof RecordingSpan && !parent.isRemote()
            ? ((RecordingSpan) parentSpan).clock()
            : AnchoredClock.create();
    long start = startEpochNanos >= 0 ? startEpochNanos : clock.now();
    RecordingSpan span = new RecordingSpan(tracer, context, parent, name, kind, clock, start);
    if (attributes != null) {
      for (int i = 0; i < attributes.size(); i += 2) {
        span.setAttribute(castKey(attributes.get(i)), attributes.get(i + 1));
      }
    }
    tracer.countStarted();
    if (attach) {
      span.attachToThisThread();
    }
    return span;
  }

  @SuppressWarnings("unchecked")
  private static AttributeKey<Object> castKey(Object key) {
    return (AttributeKey<Object>) key;
  }

  private static boolean isZero(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}

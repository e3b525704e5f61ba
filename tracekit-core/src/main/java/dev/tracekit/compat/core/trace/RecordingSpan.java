package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.BaseSpan;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.internal.AnchoredClock;
import dev.tracekit.compat.core.internal.AttributeValues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * A sampled span: it records attributes, events and status within its {@link SpanLimits} until it
 * ends, then hands itself to the processor. Its name and status description, like string values,
 * are cut to the value length limit, so that no span makes an unbounded request. After {@code end}
 * it never changes, so exporters read it directly as {@link SpanData} without a copy. Guarded by
 * {@code this}.
 */
final class RecordingSpan extends BaseSpan implements SpanData {
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");

  private final Tracer tracer;
  private final SpanContext context;
  private final SpanContext parent;
  private final SpanKind kind;
  private final AnchoredClock clock;
  private final long startEpochNanos;
  private final SpanLimits limits;

  private String name;
  // Keys at even indexes, their values after them: one array for both.
  @Nullable private Object[] keysAndValues;
  private int attributeCount;
  private int droppedAttributes;
  @Nullable private List<EventData> events;
  private int droppedEvents;
  private StatusCode statusCode = StatusCode.UNSET;
  private String statusDescription = "";
  private long endEpochNanos;
  private volatile boolean ended;

  /** Starts an unsampled span on this thread: it records nothing and is current until it ends. */
  static Span startUnsampled(SpanContext context) {
    return BaseSpan.startNonRecording(context);
  }

  /** Makes this span, just started, current on this thread until it ends. */
  void attachToThisThread() {
    attach();
  }

  RecordingSpan(
      Tracer tracer,
      SpanContext context,
      SpanContext parent,
      String name,
      SpanKind kind,
      AnchoredClock clock,
      long startEpochNanos) {
    this.tracer = tracer;
    this.context = context;
    this.parent = parent;
    this.kind = kind;
    this.clock = clock;
    this.startEpochNanos = startEpochNanos;
    this.limits = tracer.getSpanLimits();
    this.name = ValueLimits.truncate(name, limits.getMaxAttributeValueLength());
  }

  AnchoredClock clock() {
    return clock;
  }

  @Override
  protected boolean hasEnded() {
    return ended;
  }

  @Override
  public boolean isRecording() {
    return !ended;
  }

  // --- attributes ---

  @Override
  public Span setAttribute(String key, String value) {
    return put(key == null ? null : AttributeKey.stringKey(key), value);
  }

  @Override
  public Span setAttribute(String key, long value) {
    return put(key == null ? null : AttributeKey.longKey(key), value);
  }

  @Override
  public Span setAttribute(String key, double value) {
    return put(key == null ? null : AttributeKey.doubleKey(key), value);
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    return put(key == null ? null : AttributeKey.booleanKey(key), value);
  }

  @Override
  public Span setAttribute(String key, String[] values) {
    return put(key == null ? null : AttributeKey.stringArrayKey(key), AttributeValues.listOf(values));
  }

  @Override
  public Span setAttribute(String key, long[] values) {
    return put(key == null ? null : AttributeKey.longArrayKey(key), AttributeValues.listOf(values));
  }

  @Override
  public Span setAttribute(String key, double[] values) {
    return put(key == null ? null : AttributeKey.doubleArrayKey(key), AttributeValues.listOf(values));
  }

  @Override
  public Span setAttribute(String key, boolean[] values) {
    return put(
        key == null ? null : AttributeKey.booleanArrayKey(key), AttributeValues.listOf(values));
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    return put(key, value);
  }

  @Override
  public Span setAllAttributes(Attributes attributes) {
    if (attributes != null) {
      attributes.forEach(this::put);
    }
    return this;
  }

  private synchronized Span put(@Nullable AttributeKey<?> key, @Nullable Object value) {
    if (key == null || value == null || ended || key.getKey().isEmpty()) {
      return this;
    }
    Object limited =
        ValueLimits.limitValue(key.getType(), value, limits.getMaxAttributeValueLength());
    String name = key.getKey();
    Object[] kv = keysAndValues;
    int used = 2 * attributeCount;
    for (int i = 0; i < used; i += 2) {
      if (((AttributeKey<?>) kv[i]).getKey().equals(name)) {
        kv[i] = key;
        kv[i + 1] = limited;
        return this;
      }
    }
    if (attributeCount >= limits.getMaxAttributes()) {
      droppedAttributes++;
      return this;
    }
    if (kv == null) {
      kv = new Object[2 * Math.min(8, limits.getMaxAttributes())];
      keysAndValues = kv;
    } else if (used == kv.length) {
      kv = Arrays.copyOf(kv, 2 * Math.min(attributeCount * 2, limits.getMaxAttributes()));
      keysAndValues = kv;
    }
    kv[used] = key;
    kv[used + 1] = limited;
    attributeCount++;
    return this;
  }

  // --- events and status ---

  @Override
  public Span addEvent(String name) {
    return addEvent(name, Attributes.empty());
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    return addEventAt(name, attributes, clock.now());
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    if (unit == null) {
      return this;
    }
    return addEventAt(name, attributes, unit.toNanos(timestamp));
  }

  private Span addEventAt(@Nullable String name, @Nullable Attributes attributes, long epochNanos) {
    if (name == null) {
      return this;
    }
    Attributes limited =
        ValueLimits.limitAttributes(attributes == null ? Attributes.empty() : attributes, limits);
    int dropped = (attributes == null ? 0 : attributes.size()) - limited.size();
    EventData event = EventData.create(name, epochNanos, limited, dropped);
    synchronized (this) {
      if (ended) {
        return this;
      }
      if (events == null) {
        events = new ArrayList<>(4);
      }
      if (events.size() >= limits.getMaxEvents()) {
        droppedEvents++;
      } else {
        events.add(event);
      }
    }
    return this;
  }

  @Override
  public Span recordException(Throwable exception) {
    return recordException(exception, Attributes.empty());
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    if (exception == null || ended) {
      return this;
    }
    String message = exception.getMessage();
    StringWriter trace = new StringWriter();
    try (PrintWriter writer = new PrintWriter(trace)) {
      exception.printStackTrace(writer);
    } catch (RuntimeException e) {
      // A throwable whose printing fails still gets its type and message recorded.
    }
    Attributes.Builder attributes =
        Attributes.builder()
            .put(EXCEPTION_TYPE, exception.getClass().getName())
            .put(EXCEPTION_STACKTRACE, trace.toString());
    if (message != null) {
      attributes.put(EXCEPTION_MESSAGE, message);
    }
    if (additionalAttributes != null) {
      attributes.putAll(additionalAttributes);
    }
    addEventAt("exception", attributes.build(), clock.now());
    synchronized (this) {
      // An end on another thread since the check above leaves the ended span as it was.
      if (!ended && statusCode != StatusCode.OK && statusCode != StatusCode.ERROR) {
        statusCode = StatusCode.ERROR;
        statusDescription =
            ValueLimits.truncate(
                message != null ? message : exception.getClass().getName(),
                limits.getMaxAttributeValueLength());
      }
    }
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode) {
    return setStatus(statusCode, "");
  }

  @Override
  public synchronized Span setStatus(StatusCode statusCode, String description) {
    // OK is final, as in OpenTelemetry: an operation explicitly marked successful stays so.
    if (statusCode == null || ended || this.statusCode == StatusCode.OK) {
      return this;
    }
    this.statusCode = statusCode;
    this.statusDescription =
        statusCode == StatusCode.ERROR && description != null
            ? ValueLimits.truncate(description, limits.getMaxAttributeValueLength())
            : "";
    return this;
  }

  @Override
  public synchronized Span updateName(String name) {
    if (name != null && !ended) {
      this.name = ValueLimits.truncate(name, limits.getMaxAttributeValueLength());
    }
    return this;
  }

  // --- end ---

  @Override
  protected boolean endAt(long epochNanos) {
    synchronized (this) {
      if (ended) {
        return false;
      }
      endEpochNanos = epochNanos < 0 ? clock.now() : epochNanos;
      ended = true;
    }
    tracer.onEnd(this);
    return true;
  }

  /**
   * Ends a span that a {@link DeferredSpan} recorded: it is not handed to the processor (the deferred
   * span itself was).
   */
  synchronized void endRecorded(long epochNanos) {
    endEpochNanos = epochNanos;
    ended = true;
  }

  // --- SpanData, read after end ---
  // Once ended, a span never changes, and the pipeline hands it over after its end (the queue or a
  // DeferredSpan publishes it): reads take no lock. Only the reads that walk the attributes or the
  // events take it, while the span is still live (nothing in the pipeline reads it then).

  @Override
  public SpanContext getSpanContext() {
    return context;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return parent;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public SpanKind getKind() {
    return kind;
  }

  @Override
  public long getStartEpochNanos() {
    return startEpochNanos;
  }

  @Override
  public long getEndEpochNanos() {
    return endEpochNanos;
  }

  @Override
  public Attributes getAttributes() {
    Attributes.Builder builder = Attributes.builder();
    forEachAttribute((key, value) -> ValueLimits.putTyped(builder, key, value));
    return builder.build();
  }

  @Override
  public void forEachAttribute(BiConsumer<? super AttributeKey<?>, Object> consumer) {
    if (!ended) {
      synchronized (this) {
        forEachKept(consumer);
      }
      return;
    }
    forEachKept(consumer);
  }

  private void forEachKept(BiConsumer<? super AttributeKey<?>, Object> consumer) {
    for (int i = 0; i < 2 * attributeCount; i += 2) {
      consumer.accept((AttributeKey<?>) keysAndValues[i], keysAndValues[i + 1]);
    }
  }

  @Override
  public int getDroppedAttributesCount() {
    return droppedAttributes;
  }

  @Override
  public List<EventData> getEvents() {
    if (!ended) {
      synchronized (this) {
        return events == null
            ? Collections.<EventData>emptyList()
            : Collections.unmodifiableList(new ArrayList<>(events));
      }
    }
    return events == null
        ? Collections.<EventData>emptyList()
        : Collections.unmodifiableList(events);
  }

  @Override
  public int getDroppedEventsCount() {
    return droppedEvents;
  }

  @Override
  public StatusCode getStatusCode() {
    return statusCode;
  }

  @Override
  public String getStatusDescription() {
    return statusDescription;
  }

  @Override
  public Resource getResource() {
    return tracer.getResource();
  }

  @Override
  public synchronized String toString() {
    return "RecordingSpan{name="
        + name
        + ", context="
        + context
        + ", parent="
        + parent.getSpanId()
        + ", kind="
        + kind
        + ", ended="
        + ended
        + '}';
  }
}

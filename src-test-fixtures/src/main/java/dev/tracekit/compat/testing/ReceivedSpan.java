package dev.tracekit.compat.testing;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One span as an {@link OtlpCollector} received it: immutable, with ids as lowercase hex and
 * attributes as plain Java values. Attribute values are {@code String}, {@code Boolean}, {@code
 * Long}, {@code Double}, {@code com.google.protobuf.ByteString}, an unmodifiable {@code List} of
 * these (OTLP arrays) or an unmodifiable {@code Map<String, Object>} (OTLP key-value lists); an
 * empty OTLP value is {@code null}. {@link #getProto()} gives the span exactly as decoded.
 */
public final class ReceivedSpan {
  /** The kind of a span, as OTLP defines it. */
  public enum Kind {
    UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER
  }

  /** The status code of a span, as OTLP defines it. */
  public enum StatusCode {
    UNSET, OK, ERROR
  }

  private final Span proto;
  private final Map<String, Object> attributes;
  private final Map<String, Object> resourceAttributes;
  private final String scopeName;
  private final List<Event> events;

  ReceivedSpan(Span proto, Map<String, Object> resourceAttributes, String scopeName) {
    this.proto = proto;
    this.attributes = OtlpDecoding.attributes(proto.getAttributesList());
    this.resourceAttributes = resourceAttributes;
    this.scopeName = scopeName;
    List<Event> list = new ArrayList<>();
    for (Span.Event event : proto.getEventsList()) {
      list.add(new Event(event));
    }
    this.events = Collections.unmodifiableList(list);
  }

  /** Returns the span's name. */
  public String getName() {
    return proto.getName();
  }

  /** Returns the trace id, 32 lowercase hex digits. */
  public String getTraceId() {
    return OtlpDecoding.toHex(proto.getTraceId());
  }

  /** Returns the span id, 16 lowercase hex digits. */
  public String getSpanId() {
    return OtlpDecoding.toHex(proto.getSpanId());
  }

  /** Returns the parent's span id as 16 lowercase hex digits, or the empty string for a root. */
  public String getParentSpanId() {
    return OtlpDecoding.toHex(proto.getParentSpanId());
  }

  /** Returns true when the span has no parent. */
  public boolean isRoot() {
    return proto.getParentSpanId().isEmpty();
  }

  /** Returns the kind; {@link Kind#UNSPECIFIED} also for a value this version does not know. */
  public Kind getKind() {
    switch (proto.getKind()) {
      case SPAN_KIND_INTERNAL:
        return Kind.INTERNAL;
      case SPAN_KIND_SERVER:
        return Kind.SERVER;
      case SPAN_KIND_CLIENT:
        return Kind.CLIENT;
      case SPAN_KIND_PRODUCER:
        return Kind.PRODUCER;
      case SPAN_KIND_CONSUMER:
        return Kind.CONSUMER;
      default:
        return Kind.UNSPECIFIED;
    }
  }

  /** Returns the start time, nanoseconds since the epoch. */
  public long getStartEpochNanos() {
    return proto.getStartTimeUnixNano();
  }

  /** Returns the end time, nanoseconds since the epoch. */
  public long getEndEpochNanos() {
    return proto.getEndTimeUnixNano();
  }

  /** Returns the attributes in the order received (see the class comment for the value types). */
  public Map<String, Object> getAttributes() {
    return attributes;
  }

  /** Returns one attribute's value, or null when absent. */
  @Nullable
  public Object getAttribute(String key) {
    return attributes.get(key);
  }

  /** Returns the events in the order received. */
  public List<Event> getEvents() {
    return events;
  }

  /** Returns the status code. */
  public StatusCode getStatusCode() {
    Status.StatusCode code = proto.getStatus().getCode();
    if (code == Status.StatusCode.STATUS_CODE_OK) {
      return StatusCode.OK;
    }
    return code == Status.StatusCode.STATUS_CODE_ERROR ? StatusCode.ERROR : StatusCode.UNSET;
  }

  /** Returns the status message, empty when none. */
  public String getStatusMessage() {
    return proto.getStatus().getMessage();
  }

  /** Returns the attributes of the resource the span was sent under. */
  public Map<String, Object> getResourceAttributes() {
    return resourceAttributes;
  }

  /** Returns the instrumentation scope name, empty when none. */
  public String getScopeName() {
    return scopeName;
  }

  /** Returns the span exactly as decoded from the request. */
  public Span getProto() {
    return proto;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ReceivedSpan)) {
      return false;
    }
    ReceivedSpan that = (ReceivedSpan) o;
    return proto.equals(that.proto)
        && resourceAttributes.equals(that.resourceAttributes)
        && scopeName.equals(that.scopeName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(proto, resourceAttributes, scopeName);
  }

  /** Returns a one-line summary: name, kind, ids and parent. */
  @Override
  public String toString() {
    return "'" + getName() + "' " + getKind() + " " + getTraceId() + "/" + getSpanId()
        + (isRoot() ? " (root)" : " parent " + getParentSpanId());
  }

  /** One event of a received span: immutable. */
  public static final class Event {
    private final Span.Event proto;
    private final Map<String, Object> attributes;

    Event(Span.Event proto) {
      this.proto = proto;
      this.attributes = OtlpDecoding.attributes(proto.getAttributesList());
    }

    /** Returns the event's name. */
    public String getName() {
      return proto.getName();
    }

    /** Returns the event's time, nanoseconds since the epoch. */
    public long getEpochNanos() {
      return proto.getTimeUnixNano();
    }

    /** Returns the event's attributes, typed as {@link ReceivedSpan#getAttributes()} says. */
    public Map<String, Object> getAttributes() {
      return attributes;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Event && proto.equals(((Event) o).proto);
    }

    @Override
    public int hashCode() {
      return proto.hashCode();
    }

    @Override
    public String toString() {
      return "Event{" + getName() + ", " + attributes + "}";
    }
  }
}

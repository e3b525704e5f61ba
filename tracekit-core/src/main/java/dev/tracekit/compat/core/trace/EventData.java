package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.Attributes;
import java.util.Objects;

/** An event recorded on a span: a name, a time and attributes. Immutable. */
public final class EventData {
  private final String name;
  private final long epochNanos;
  private final Attributes attributes;
  private final int droppedAttributesCount;

  private EventData(String name, long epochNanos, Attributes attributes, int droppedAttributesCount) {
    this.name = name;
    this.epochNanos = epochNanos;
    this.attributes = attributes;
    this.droppedAttributesCount = droppedAttributesCount;
  }

  /** Returns an event. */
  public static EventData create(
      String name, long epochNanos, Attributes attributes, int droppedAttributesCount) {
    return new EventData(
        Objects.requireNonNull(name, "name"),
        epochNanos,
        Objects.requireNonNull(attributes, "attributes"),
        droppedAttributesCount);
  }

  /** Returns the event name. */
  public String getName() {
    return name;
  }

  /** Returns when the event happened, in nanoseconds since the epoch. */
  public long getEpochNanos() {
    return epochNanos;
  }

  /** Returns the event's attributes. */
  public Attributes getAttributes() {
    return attributes;
  }

  /** Returns how many attributes the event's limit dropped. */
  public int getDroppedAttributesCount() {
    return droppedAttributesCount;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EventData)) {
      return false;
    }
    EventData that = (EventData) o;
    return epochNanos == that.epochNanos
        && droppedAttributesCount == that.droppedAttributesCount
        && name.equals(that.name)
        && attributes.equals(that.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, epochNanos, attributes, droppedAttributesCount);
  }

  @Override
  public String toString() {
    return "EventData{name=" + name + ", epochNanos=" + epochNanos + ", attributes=" + attributes + '}';
  }
}

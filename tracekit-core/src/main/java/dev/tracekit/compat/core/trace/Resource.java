package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * What produces the spans: service name, version, environment, host, process and SDK attributes,
 * sent once per batch as the OTLP resource. Immutable.
 */
public final class Resource {
  private static final Resource EMPTY = new Resource(Attributes.empty());

  private final Attributes attributes;

  private Resource(Attributes attributes) {
    this.attributes = attributes;
  }

  /** Returns a resource with these attributes. */
  public static Resource create(Attributes attributes) {
    return attributes.isEmpty() ? EMPTY : new Resource(attributes);
  }

  /** Returns the resource without attributes. */
  public static Resource empty() {
    return EMPTY;
  }

  /** Returns the resource's attributes. */
  public Attributes getAttributes() {
    return attributes;
  }

  /** Returns the value of one attribute, or null. */
  @Nullable
  public <T> T getAttribute(AttributeKey<T> key) {
    return attributes.get(key);
  }

  /** Returns a resource with this one's attributes, overridden by {@code other}'s. */
  public Resource merge(Resource other) {
    if (other.attributes.isEmpty()) {
      return this;
    }
    return create(attributes.toBuilder().putAll(other.attributes).build());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resource && attributes.equals(((Resource) o).attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(attributes);
  }

  @Override
  public String toString() {
    return "Resource" + attributes;
  }
}

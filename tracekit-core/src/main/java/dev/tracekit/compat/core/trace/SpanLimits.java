package dev.tracekit.compat.core.trace;

/**
 * Bounds on what one span keeps, so that a runaway caller cannot grow memory or payloads. Values
 * beyond a bound are dropped and counted ({@link SpanData#getDroppedAttributesCount()}); string
 * values longer than {@link #getMaxAttributeValueLength()} characters are cut to that length.
 * Immutable.
 */
public final class SpanLimits {
  /** Default number of attributes a span keeps. */
  public static final int DEFAULT_MAX_ATTRIBUTES = 128;
  /** Default length, in characters, of a string attribute value (8 KiB of ASCII). */
  public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH = 8192;
  /** Default number of events a span keeps. */
  public static final int DEFAULT_MAX_EVENTS = 128;

  private static final SpanLimits DEFAULT =
      new SpanLimits(DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH, DEFAULT_MAX_EVENTS);

  private final int maxAttributes;
  private final int maxAttributeValueLength;
  private final int maxEvents;

  private SpanLimits(int maxAttributes, int maxAttributeValueLength, int maxEvents) {
    this.maxAttributes = maxAttributes;
    this.maxAttributeValueLength = maxAttributeValueLength;
    this.maxEvents = maxEvents;
  }

  /** Returns the defaults: 128 attributes, 8192 characters per value, 128 events. */
  public static SpanLimits getDefault() {
    return DEFAULT;
  }

  /**
   * Returns limits with the given bounds.
   *
   * @throws IllegalArgumentException when a bound is negative (attributes, events) or below 1
   *     (value length)
   */
  public static SpanLimits create(int maxAttributes, int maxAttributeValueLength, int maxEvents) {
    if (maxAttributes < 0) {
      throw new IllegalArgumentException("maxAttributes must be >= 0, got " + maxAttributes);
    }
    if (maxAttributeValueLength < 1) {
      throw new IllegalArgumentException(
          "maxAttributeValueLength must be >= 1, got " + maxAttributeValueLength);
    }
    if (maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents must be >= 0, got " + maxEvents);
    }
    return new SpanLimits(maxAttributes, maxAttributeValueLength, maxEvents);
  }

  /** Returns how many attributes a span (or an event) keeps. */
  public int getMaxAttributes() {
    return maxAttributes;
  }

  /**
   * Returns the longest string value kept, in characters; span names and status descriptions are cut
   * to this length too.
   */
  public int getMaxAttributeValueLength() {
    return maxAttributeValueLength;
  }

  /** Returns how many events a span keeps. */
  public int getMaxEvents() {
    return maxEvents;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SpanLimits)) {
      return false;
    }
    SpanLimits that = (SpanLimits) o;
    return maxAttributes == that.maxAttributes
        && maxAttributeValueLength == that.maxAttributeValueLength
        && maxEvents == that.maxEvents;
  }

  @Override
  public int hashCode() {
    return (maxAttributes * 31 + maxAttributeValueLength) * 31 + maxEvents;
  }

  @Override
  public String toString() {
    return "SpanLimits{maxAttributes="
        + maxAttributes
        + ", maxAttributeValueLength="
        + maxAttributeValueLength
        + ", maxEvents="
        + maxEvents
        + '}';
  }
}

package com.amazonaws.xray.entities;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * The {@code X-Amzn-Trace-Id} header: {@code Root=1-…;Parent=…;Sampled=1}, plus any other
 * {@code key=value} pairs (such as {@code Lineage}), which are kept and written back. Parsing and
 * formatting follow the X-Ray SDK exactly, quirks included (an unknown sampling decision writes
 * nothing, so a header without {@code Sampled} ends with {@code ;}).
 */
public class TraceHeader {
  public static final String HEADER_KEY = "X-Amzn-Trace-Id";

  private static final String ROOT = "Root";
  private static final String PARENT = "Parent";
  private static final String SAMPLED = "Sampled";
  private static final String SELF = "Self";

  @Nullable private TraceID rootTraceId;
  @Nullable private String parentId;
  private SampleDecision sampled;
  private Map<String, String> additionalParams = new ConcurrentHashMap<>();

  /** The sampling decision a header carries. */
  public enum SampleDecision {
    SAMPLED("Sampled=1"),
    NOT_SAMPLED("Sampled=0"),
    UNKNOWN(""),
    REQUESTED("Sampled=?");

    private final String value;

    SampleDecision(String value) {
      this.value = value;
    }

    /** Returns the header fragment, such as {@code Sampled=1}; empty for {@link #UNKNOWN}. */
    @Override
    public String toString() {
      return value;
    }

    /**
     * Returns the decision whose header fragment ({@code Sampled=1}, {@code Sampled=0}, {@code
     * Sampled=?}) equals {@code text}, ignoring case; UNKNOWN for anything else, including null.
     */
    public static SampleDecision fromString(@Nullable String text) {
      for (SampleDecision decision : values()) {
        if (decision.value.equalsIgnoreCase(text)) {
          return decision;
        }
      }
      return UNKNOWN;
    }
  }

  /** An empty header. */
  public TraceHeader() {
    this(null, null, SampleDecision.UNKNOWN);
  }

  /** A header with a root trace id only. */
  public TraceHeader(@Nullable TraceID rootTraceId) {
    this(rootTraceId, null, SampleDecision.UNKNOWN);
  }

  /** A header with a root trace id and a parent id. */
  public TraceHeader(@Nullable TraceID rootTraceId, @Nullable String parentId) {
    this(rootTraceId, parentId, SampleDecision.UNKNOWN);
  }

  /**
   * A header with all three fields.
   *
   * @throws IllegalArgumentException when {@code sampled} is null, as the X-Ray SDK does
   */
  public TraceHeader(
      @Nullable TraceID rootTraceId, @Nullable String parentId, SampleDecision sampled) {
    this.rootTraceId = rootTraceId;
    this.parentId = parentId;
    this.sampled = requireDecision(sampled, "Sample decision can not be null.");
  }

  /** The X-Ray SDK's constructor and setter reject null with different messages; both kept. */
  private static SampleDecision requireDecision(@Nullable SampleDecision sampled, String message) {
    if (sampled == null) {
      throw new IllegalArgumentException(message);
    }
    return sampled;
  }

  /**
   * Returns the header that continues the trace of {@code entity}: its trace id, its id as parent
   * (for a subsegment without an id, its segment's), and its sampling decision.
   */
  public static TraceHeader fromEntity(Entity entity) {
    String parentId = entity.getId();
    if ((parentId == null || parentId.isEmpty()) && entity instanceof Subsegment) {
      Segment segment = entity.getParentSegment();
      parentId = segment == null ? null : segment.getId();
    }
    return new TraceHeader(
        entity.getTraceId(),
        parentId == null || parentId.isEmpty() ? null : parentId,
        entity.isSampled() ? SampleDecision.SAMPLED : SampleDecision.NOT_SAMPLED);
  }

  /**
   * Parses a header value, as the X-Ray SDK does. Never throws. Each {@code ;}-separated part is
   * trimmed and split at its first {@code =}; a part without {@code =} is skipped. {@code Root} gives
   * the trace id (a malformed one gives a new random id, as {@link TraceID#fromString}), {@code
   * Parent} the parent id as it is, {@code Sampled} the decision (UNKNOWN unless the part is exactly
   * {@code Sampled=1}, {@code =0} or {@code =?}, in any case); {@code Self} is dropped (it is the load
   * balancer's own, never passed on); other keys, case-sensitive and untrimmed, are kept as
   * additional parameters. A later duplicate wins. Null gives an empty header.
   */
  public static TraceHeader fromString(@Nullable String string) {
    TraceHeader header = new TraceHeader();
    if (string == null) {
      return header;
    }
    for (String rawPart : string.split(";", -1)) {
      String part = rawPart.trim();
      int equals = part.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = part.substring(0, equals);
      String value = part.substring(equals + 1);
      if (ROOT.equals(key)) {
        header.rootTraceId = TraceID.fromString(value);
      } else if (PARENT.equals(key)) {
        header.parentId = value;
      } else if (SAMPLED.equals(key)) {
        header.sampled = SampleDecision.fromString(part);
      } else if (!SELF.equals(key)) {
        header.additionalParams.put(key, value);
      }
    }
    return header;
  }

  /**
   * Returns the header value in the X-Ray SDK's format: {@code Root=…;Parent=…;Sampled=…;k=v…},
   * leaving out a missing root, a null or blank parent, and an unknown decision (whose {@code ;}
   * stays, so a header without a decision ends with {@code ;}).
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (rootTraceId != null) {
      sb.append(ROOT).append('=').append(rootTraceId).append(';');
    }
    if (parentId != null && !parentId.trim().isEmpty()) {
      sb.append(PARENT).append('=').append(parentId).append(';');
    }
    sb.append(sampled).append(';');
    for (Map.Entry<String, String> param : additionalParams.entrySet()) {
      sb.append(param.getKey()).append('=').append(param.getValue()).append(';');
    }
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  @Nullable
  public TraceID getRootTraceId() {
    return rootTraceId;
  }

  public void setRootTraceId(@Nullable TraceID rootTraceId) {
    this.rootTraceId = rootTraceId;
  }

  @Nullable
  public String getParentId() {
    return parentId;
  }

  public void setParentId(@Nullable String parentId) {
    this.parentId = parentId;
  }

  public SampleDecision getSampled() {
    return sampled;
  }

  /**
   * Sets the decision.
   *
   * @throws IllegalArgumentException when {@code sampled} is null, as the X-Ray SDK does
   */
  public void setSampled(SampleDecision sampled) {
    this.sampled =
        requireDecision(
            sampled, "Sample decision can not be null. Please use SampleDecision.UNKNOWN instead.");
  }

  public Map<String, String> getAdditionalParams() {
    return additionalParams;
  }

  public void setAdditionalParams(Map<String, String> additionalParams) {
    this.additionalParams = additionalParams;
  }

  public void putAdditionalParam(String key, String value) {
    additionalParams.put(key, value);
  }
}

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

    /** Returns the decision for a {@code Sampled} value ({@code 1}, {@code 0}, {@code ?}), else UNKNOWN. */
    public static SampleDecision fromString(@Nullable String text) {
      for (SampleDecision decision : values()) {
        if (decision != UNKNOWN && decision.value.equalsIgnoreCase(SAMPLED + "=" + text)) {
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

  /** A header with all three fields. */
  public TraceHeader(
      @Nullable TraceID rootTraceId, @Nullable String parentId, @Nullable SampleDecision sampled) {
    this.rootTraceId = rootTraceId;
    this.parentId = parentId;
    this.sampled = sampled == null ? SampleDecision.UNKNOWN : sampled;
  }

  /**
   * Returns the header that continues the trace of {@code entity}: its trace id, its id as parent,
   * and its segment's sampling decision.
   */
  public static TraceHeader fromEntity(Entity entity) {
    Segment segment = entity.getParentSegment();
    boolean sampled = segment != null ? segment.isSampled() : entity.isSampled();
    return new TraceHeader(
        entity.getTraceId(),
        entity.getId(),
        sampled ? SampleDecision.SAMPLED : SampleDecision.NOT_SAMPLED);
  }

  /**
   * Parses a header value. Never throws: unknown keys are kept as additional parameters, a malformed
   * {@code Root} gives a new random trace id (as {@link TraceID#fromString}), a {@code Sampled}
   * value other than {@code 1}, {@code 0} or {@code ?} is ignored, and null gives an empty header.
   */
  public static TraceHeader fromString(@Nullable String string) {
    TraceHeader header = new TraceHeader();
    if (string == null) {
      return header;
    }
    for (String part : string.split(";")) {
      String trimmed = part.trim();
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String key = trimmed.substring(0, equals);
      String value = trimmed.substring(equals + 1);
      if (ROOT.equals(key)) {
        header.rootTraceId = TraceID.fromString(value);
      } else if (PARENT.equals(key)) {
        header.parentId = value;
      } else if (SAMPLED.equals(key)) {
        header.sampled = SampleDecision.fromString(value);
      } else {
        header.additionalParams.put(key, value);
      }
    }
    return header;
  }

  /** Returns the header value, in the X-Ray SDK's format. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (rootTraceId != null) {
      sb.append(ROOT).append('=').append(rootTraceId).append(';');
    }
    if (parentId != null) {
      sb.append(PARENT).append('=').append(parentId).append(';');
    }
    sb.append(sampled);
    for (Map.Entry<String, String> param : additionalParams.entrySet()) {
      sb.append(';').append(param.getKey()).append('=').append(param.getValue());
    }
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

  public void setSampled(@Nullable SampleDecision sampled) {
    this.sampled = sampled == null ? SampleDecision.UNKNOWN : sampled;
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

package dev.tracekit.compat.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.DeferredSpan;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.Tracer;
import dev.tracekit.compat.xray.mapping.RecordedException;
import dev.tracekit.compat.xray.mapping.XRayEntityView;
import dev.tracekit.compat.xray.mapping.XRayIds;
import dev.tracekit.compat.xray.mapping.XRaySpanMapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The span of one entity of a received document: a segment, a subsegment nested in one, or a
 * subsegment sent on its own. Its ids, parent and times come from the document; everything else
 * from {@link XRaySpanMapping}, which reads it as an {@link XRayEntityView}, on the exporter's
 * thread. Its resource is its service's.
 */
final class DocumentSpan extends DeferredSpan implements XRayEntityView {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> entity;
  private final boolean segment;
  private final String name;
  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final SpanContext parent;
  private final long startNanos;
  private final long endNanos;
  private volatile Resource resource;

  /**
   * The span of {@code entity} in trace {@code traceIdHigh/Low}: a child of {@code parent} (a
   * valid context), or a root.
   */
  DocumentSpan(
      Tracer tracer,
      Map<String, Object> entity,
      boolean segment,
      long traceIdHigh,
      long traceIdLow,
      SpanContext parent,
      Resource resource) {
    super(tracer);
    this.entity = entity;
    this.segment = segment;
    this.name = String.valueOf(entity.get("name"));
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = XRayIds.spanId(text(entity.get("id")));
    this.parent = parent;
    this.startNanos = XRayIds.secondsToNanos(number(entity.get("start_time")));
    double end = number(entity.get("end_time"));
    this.endNanos = end > 0 ? XRayIds.secondsToNanos(end) : startNanos;
    this.resource = resource;
  }

  /** Returns this span's context, for its children. */
  SpanContext context() {
    return SpanContext.fromIds(traceIdHigh, traceIdLow, spanId, true, false);
  }

  /** Gives the span its service's resource, once known (a held streamed subsegment). */
  void setResource(Resource resource) {
    this.resource = resource;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  protected String spanName() {
    return name;
  }

  @Override
  protected SpanKind spanKind() {
    return XRaySpanMapping.kind(segment, namespace());
  }

  @Override
  protected SpanContext parentContext() {
    return parent;
  }

  @Override
  protected long rootTraceIdHigh() {
    return traceIdHigh;
  }

  @Override
  protected long rootTraceIdLow() {
    return traceIdLow;
  }

  @Override
  protected long spanIdValue() {
    return spanId;
  }

  @Override
  protected long startNanos() {
    return startNanos;
  }

  @Override
  protected long endNanos() {
    return endNanos;
  }

  @Override
  protected void record(Span span) {
    XRaySpanMapping.apply(this, span);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isSegment() {
    return segment;
  }

  @Override
  @Nullable
  public String namespace() {
    return text(entity.get("namespace"));
  }

  @Override
  public boolean isFault() {
    return Boolean.TRUE.equals(entity.get("fault"));
  }

  @Override
  public boolean isError() {
    return Boolean.TRUE.equals(entity.get("error"));
  }

  @Override
  public boolean isThrottle() {
    return Boolean.TRUE.equals(entity.get("throttle"));
  }

  @Override
  @Nullable
  public Map<String, ?> http() {
    return map(entity.get("http"));
  }

  @Override
  @Nullable
  public Map<String, ?> aws() {
    return map(entity.get("aws"));
  }

  @Override
  @Nullable
  public Map<String, ?> sql() {
    return map(entity.get("sql"));
  }

  @Override
  @Nullable
  public Map<String, ?> annotations() {
    return map(entity.get("annotations"));
  }

  @Override
  @Nullable
  public Map<String, ?> metadata() {
    return map(entity.get("metadata"));
  }

  @Override
  public String toJson(Object metadataValue) {
    try {
      return JSON.writeValueAsString(metadataValue);
    } catch (JsonProcessingException e) {
      // Values parsed from JSON always write back; kept for safety.
      return "\"\"";
    }
  }

  @Override
  @Nullable
  public String user() {
    return segment ? text(entity.get("user")) : null;
  }

  @Override
  @Nullable
  public String origin() {
    return segment ? text(entity.get("origin")) : null;
  }

  @Override
  @Nullable
  public String resourceArn() {
    return segment ? text(entity.get("resource_arn")) : null;
  }

  @Override
  @Nullable
  public List<String> precursorIds() {
    Object ids = entity.get("precursor_ids");
    if (!(ids instanceof List)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object id : (List<?>) ids) {
      if (id != null) {
        out.add(String.valueOf(id));
      }
    }
    return out;
  }

  @Override
  public List<RecordedException> exceptions() {
    Map<String, ?> cause = map(entity.get("cause"));
    Object exceptions = cause == null ? null : cause.get("exceptions");
    if (!(exceptions instanceof List)) {
      return Collections.emptyList();
    }
    List<RecordedException> out = new ArrayList<>();
    for (Object element : (List<?>) exceptions) {
      Map<String, ?> exception = map(element);
      if (exception != null) {
        out.add(recorded(exception));
      }
    }
    return out;
  }

  private static RecordedException recorded(Map<String, ?> exception) {
    List<RecordedException.StackFrame> frames = null;
    Object stack = exception.get("stack");
    if (stack instanceof List) {
      frames = new ArrayList<>();
      for (Object element : (List<?>) stack) {
        Map<String, ?> frame = map(element);
        if (frame != null) {
          Object line = frame.get("line");
          frames.add(
              new RecordedException.StackFrame(
                  text(frame.get("label")),
                  text(frame.get("path")),
                  line instanceof Number ? ((Number) line).intValue() : -1));
        }
      }
    }
    return new RecordedException(
        text(exception.get("id")),
        text(exception.get("type")),
        text(exception.get("message")),
        Boolean.TRUE.equals(exception.get("remote")),
        frames,
        (int) number(exception.get("truncated")),
        (int) number(exception.get("skipped")),
        text(exception.get("cause")));
  }

  @Override
  public long endNanosIfRecorded() {
    return number(entity.get("end_time")) > 0 ? endNanos : 0;
  }

  @SuppressWarnings("unchecked")
  @Nullable
  static Map<String, ?> map(@Nullable Object value) {
    return value instanceof Map ? (Map<String, ?>) value : null;
  }

  @Nullable
  static String text(@Nullable Object value) {
    return value instanceof String ? (String) value : null;
  }

  static double number(@Nullable Object value) {
    return value instanceof Number ? ((Number) value).doubleValue() : 0;
  }
}

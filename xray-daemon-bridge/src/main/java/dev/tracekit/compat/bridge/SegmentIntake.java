package dev.tracekit.compat.bridge;

import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.Tracer;
import dev.tracekit.compat.xray.mapping.XRayIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Turns received documents into spans ({@code docs/daemon-bridge.md} §3): a segment and
 * the subsegments nested in it become one span each, with the segment's service as resource; an
 * {@code in_progress} segment is not exported (its final document is) but tells the service of
 * subsegments sent on their own, which {@link StreamedSubsegments} holds until their segment says.
 * Used by the intake thread only.
 */
final class SegmentIntake {
  /** How many entity ids of all-zero traces are remembered with the trace id standing in. */
  static final int MAX_ZERO_TRACE_IDS = 20_000;

  private final Tracer tracer;
  private final ServiceResources resources;
  private final StreamedSubsegments streamed;
  private final BridgeCounts counts;
  /**
   * In the all-zero trace, the low half of the trace id that stands in (the segment's id), by the
   * ids of the entities of that segment: what a subsegment streamed later needs to join its trace.
   */
  private final Map<String, Long> zeroTraceLows =
      new LinkedHashMap<String, Long>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > MAX_ZERO_TRACE_IDS;
        }
      };

  SegmentIntake(
      Tracer tracer, ServiceResources resources, StreamedSubsegments streamed, BridgeCounts counts) {
    this.tracer = tracer;
    this.resources = resources;
    this.streamed = streamed;
    this.counts = counts;
  }

  /**
   * Takes one document; returns null when it became spans (or was held, or was an in-progress
   * segment), else why it is not a segment.
   */
  @Nullable
  Malformed accept(Map<String, Object> document, long nowNanos) {
    String traceId = DocumentSpan.text(document.get("trace_id"));
    if (!isEntity(document) || !XRayIds.isTraceId(traceId)) {
      return Malformed.NOT_A_SEGMENT;
    }
    boolean subsegment = "subsegment".equals(document.get("type"));
    long high = XRayIds.traceIdHigh(traceId);
    long low = XRayIds.traceIdLow(traceId);
    if (Boolean.TRUE.equals(document.get("in_progress"))) {
      counts.inProgress.increment();
      if (!subsegment) {
        streamed.segmentSeen(traceId, idsOf(document, new ArrayList<String>()), resources.forSegment(document));
      }
      return null;
    }
    if (subsegment) {
      String parentId = DocumentSpan.text(document.get("parent_id"));
      if (XRayIds.spanId(parentId) == 0) {
        return Malformed.NOT_A_SEGMENT;
      }
      if (high == 0 && low == 0) {
        // The all-zero trace: the trace id that stands in is the segment's (see below), known when
        // the parent was seen; otherwise the parent's id at least keeps the siblings together.
        Long known = zeroTraceLows.get(parentId);
        low = known != null ? known : XRayIds.spanId(parentId);
        for (String id : idsOf(document, new ArrayList<String>())) {
          zeroTraceLows.put(id, low);
        }
      }
      SpanContext parent = SpanContext.fromIds(high, low, XRayIds.spanId(parentId), true, false);
      DocumentSpan span = new DocumentSpan(tracer, document, false, high, low, parent, resources.unknown());
      StreamedSubsegments.Group group = new StreamedSubsegments.Group(traceId, parentId, nowNanos);
      group.add(DocumentSpan.text(document.get("id")), span);
      counts.streamed.increment();
      counts.subsegments.increment();
      nested(span, document, high, low, resources.unknown(), group);
      streamed.receive(group);
      return null;
    }
    String segmentId = DocumentSpan.text(document.get("id"));
    List<String> ids = null;
    if (high == 0 && low == 0) {
      // The all-zero trace id (which X-Ray accepts from a header) is not a valid span trace id:
      // the segment's own id stands in for the low half, so its spans still share one trace.
      low = XRayIds.spanId(segmentId);
      ids = idsOf(document, new ArrayList<String>());
      for (String id : ids) {
        zeroTraceLows.put(id, low);
      }
    }
    Resource resource = resources.forSegment(document);
    long remoteParent = XRayIds.spanId(DocumentSpan.text(document.get("parent_id")));
    SpanContext parent =
        remoteParent == 0
            ? SpanContext.invalid()
            : SpanContext.fromIds(high, low, remoteParent, true, true);
    DocumentSpan span = new DocumentSpan(tracer, document, true, high, low, parent, resource);
    counts.segments.increment();
    span.end();
    nested(span, document, high, low, resource, null);
    streamed.segmentSeen(traceId, ids != null ? ids : idsOf(document, new ArrayList<String>()), resource);
    return null;
  }

  /**
   * Makes the spans of the subsegments nested in {@code entity} (at any depth), children of its
   * span: ended now, or added to {@code held} when their service is not known yet.
   */
  private void nested(
      DocumentSpan parentSpan,
      Map<String, ?> entity,
      long high,
      long low,
      Resource resource,
      @Nullable StreamedSubsegments.Group held) {
    Object children = entity.get("subsegments");
    if (!(children instanceof List)) {
      return;
    }
    SpanContext parent = parentSpan.context();
    for (Object child : (List<?>) children) {
      Map<String, ?> subsegment = DocumentSpan.map(child);
      if (subsegment == null || !isEntity(subsegment)) {
        counts.skippedSubsegments.increment();
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> document = (Map<String, Object>) subsegment;
      DocumentSpan span = new DocumentSpan(tracer, document, false, high, low, parent, resource);
      counts.subsegments.increment();
      if (held == null) {
        span.end();
      } else {
        held.add(DocumentSpan.text(document.get("id")), span);
      }
      nested(span, document, high, low, resource, held);
    }
  }

  /** Adds the ids of {@code entity} and of the subsegments nested in it to {@code ids}. */
  private static List<String> idsOf(Map<String, ?> entity, List<String> ids) {
    String id = DocumentSpan.text(entity.get("id"));
    if (id != null) {
      ids.add(id);
    }
    Object children = entity.get("subsegments");
    if (children instanceof List) {
      for (Object child : (List<?>) children) {
        Map<String, ?> subsegment = DocumentSpan.map(child);
        if (subsegment != null) {
          idsOf(subsegment, ids);
        }
      }
    }
    return ids;
  }

  /** True for a document with what every segment and subsegment has: name, id and start time. */
  private static boolean isEntity(Map<String, ?> entity) {
    Object name = entity.get("name");
    return name instanceof String
        && !((String) name).isEmpty()
        && entity.get("id") instanceof String
        && entity.get("start_time") instanceof Number;
  }
}

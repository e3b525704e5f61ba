package dev.tracekit.compat.bridge;

import dev.tracekit.compat.core.trace.Resource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Subsegments sent on their own (streamed) carry no service: it is their segment's, whose document
 * comes later (SDKs send a segment when it ends, after the subsegments they streamed). They are held
 * until a document of their segment (final or in progress) names an ancestor of theirs, then leave
 * with its service; bounded in count ({@value #MAX_HELD_SPANS} spans) and time ({@value
 * #HOLD_SECONDS} s), after which they leave as {@link ServiceResources#UNKNOWN_SERVICE}. The ids of
 * recently seen entities (at most {@value #MAX_RECENT_IDS}) let a subsegment that arrives after its
 * segment leave at once. Used by the intake thread only.
 */
final class StreamedSubsegments {
  static final int MAX_HELD_SPANS = 10_000;
  static final int HOLD_SECONDS = 30;
  static final int MAX_RECENT_IDS = 20_000;

  private final Resource unknown;
  private final BridgeCounts counts;
  private final long holdNanos;
  private final Map<String, Resource> recent =
      new LinkedHashMap<String, Resource>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Resource> eldest) {
          return size() > MAX_RECENT_IDS;
        }
      };
  private final Map<String, List<Group>> heldByTrace = new HashMap<>();
  private final ArrayDeque<Group> heldByAge = new ArrayDeque<>();
  private int heldSpans;

  StreamedSubsegments(Resource unknown, BridgeCounts counts) {
    this(unknown, counts, TimeUnit.SECONDS.toNanos(HOLD_SECONDS));
  }

  StreamedSubsegments(Resource unknown, BridgeCounts counts, long holdNanos) {
    this.unknown = unknown;
    this.counts = counts;
    this.holdNanos = holdNanos;
  }

  /** One subsegment sent on its own, with the subsegments nested in it. */
  static final class Group {
    final String traceId;
    final String parentId;
    final List<DocumentSpan> spans = new ArrayList<>(2);
    final List<String> ids = new ArrayList<>(2);
    final long receivedNanos;
    boolean released;

    Group(String traceId, String parentId, long receivedNanos) {
      this.traceId = traceId;
      this.parentId = parentId;
      this.receivedNanos = receivedNanos;
    }

    void add(String id, DocumentSpan span) {
      ids.add(id);
      spans.add(span);
    }
  }

  /** Takes a group whose spans are all made: it leaves now if its parent is known, else waits. */
  void receive(Group group) {
    Resource resource = recent.get(group.parentId);
    if (resource != null) {
      release(group, resource);
      return;
    }
    heldByTrace.computeIfAbsent(group.traceId, k -> new ArrayList<>(2)).add(group);
    heldByAge.addLast(group);
    heldSpans += group.spans.size();
    counts.heldSubsegments.add(group.spans.size());
    while (heldSpans > MAX_HELD_SPANS) {
      letGoUnknown(heldByAge.pollFirst());
    }
  }

  /**
   * A document of a segment of trace {@code traceId} arrived, with {@code ids} (the segment's and
   * its nested subsegments'): held subsegments below any of them leave with {@code resource}.
   */
  void segmentSeen(String traceId, List<String> ids, Resource resource) {
    for (String id : ids) {
      recent.put(id, resource);
    }
    List<Group> groups = heldByTrace.get(traceId);
    if (groups == null) {
      return;
    }
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Iterator<Group> it = groups.iterator(); it.hasNext(); ) {
        Group group = it.next();
        Resource known = recent.get(group.parentId);
        if (known != null) {
          it.remove();
          heldSpans -= group.spans.size();
          release(group, known);
          progress = true;
        }
      }
    }
    if (groups.isEmpty()) {
      heldByTrace.remove(traceId);
    }
    dropReleasedHeads();
  }

  /** The age queue keeps released groups until they reach its head (removal inside is O(n)). */
  private void dropReleasedHeads() {
    Group head;
    while ((head = heldByAge.peekFirst()) != null && head.released) {
      heldByAge.pollFirst();
    }
  }

  /** Lets go, as of unknown service, what has waited longer than the hold time. */
  void expire(long nowNanos) {
    Group oldest;
    while ((oldest = heldByAge.peekFirst()) != null
        && (oldest.released || nowNanos - oldest.receivedNanos > holdNanos)) {
      letGoUnknown(heldByAge.pollFirst());
    }
  }

  /** Lets everything go, as of unknown service: the bridge is stopping. */
  void releaseAll() {
    Group group;
    while ((group = heldByAge.pollFirst()) != null) {
      letGoUnknown(group);
    }
  }

  private void letGoUnknown(Group group) {
    if (group.released) {
      return;
    }
    forget(group);
    release(group, unknown);
    counts.unknownService.add(group.spans.size());
  }

  /** Returns how many spans wait now. */
  int heldSpans() {
    return heldSpans;
  }

  private void forget(Group group) {
    heldSpans -= group.spans.size();
    List<Group> groups = heldByTrace.get(group.traceId);
    if (groups != null) {
      groups.remove(group);
      if (groups.isEmpty()) {
        heldByTrace.remove(group.traceId);
      }
    }
  }

  private void release(Group group, Resource resource) {
    if (group.released) {
      return;
    }
    group.released = true;
    for (String id : group.ids) {
      recent.put(id, resource);
    }
    for (DocumentSpan span : group.spans) {
      span.setResource(resource);
      span.end();
    }
  }
}

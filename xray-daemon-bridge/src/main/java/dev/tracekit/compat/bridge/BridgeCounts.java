package dev.tracekit.compat.bridge;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the bridge has done with what it received, for its summary line: datagrams, documents by
 * kind, malformed ones by reason, subsegments held for their service, forwarding. Thread-safe.
 */
final class BridgeCounts {
  final LongAdder datagrams = new LongAdder();
  final LongAdder bytes = new LongAdder();
  /** Segment documents that became spans. */
  final LongAdder segments = new LongAdder();
  /** Subsegment documents sent on their own (not in progress). */
  final LongAdder streamed = new LongAdder();
  /** Spans of subsegments: sent on their own or nested, at any depth. */
  final LongAdder subsegments = new LongAdder();
  final LongAdder inProgress = new LongAdder();
  final LongAdder skippedSubsegments = new LongAdder();
  final LongAdder heldSubsegments = new LongAdder();
  final LongAdder unknownService = new LongAdder();
  /** Datagrams dropped because the queue between receiving and decoding was full. */
  final LongAdder droppedBusy = new LongAdder();
  final LongAdder forwarded = new LongAdder();
  final LongAdder forwardFailed = new LongAdder();
  private final Map<Malformed, LongAdder> malformed = new EnumMap<>(Malformed.class);

  BridgeCounts() {
    for (Malformed reason : Malformed.values()) {
      malformed.put(reason, new LongAdder());
    }
  }

  void malformed(Malformed reason) {
    malformed.get(reason).increment();
  }

  long malformedCount(Malformed reason) {
    return malformed.get(reason).sum();
  }

  /**
   * Returns how many received datagrams have been dealt with: decoded into a segment, a subsegment
   * sent alone or an in-progress document, or dropped (intake behind, malformed). The others are
   * still queued for the intake.
   */
  long handled() {
    return segments.sum() + streamed.sum() + inProgress.sum() + droppedBusy.sum() + malformedTotal();
  }

  long malformedTotal() {
    long total = 0;
    for (LongAdder count : malformed.values()) {
      total += count.sum();
    }
    return total;
  }
}

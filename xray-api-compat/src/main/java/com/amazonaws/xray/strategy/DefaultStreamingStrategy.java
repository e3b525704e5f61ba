package com.amazonaws.xray.strategy;

import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;

/**
 * Streams a sampled segment once it holds more than {@link #getMaxSegmentSize()} subsegments
 * (default 100): its finished subsegments are sent on their own and dropped from the segment.
 */
public class DefaultStreamingStrategy implements StreamingStrategy {
  private static final int DEFAULT_MAX_SEGMENT_SIZE = 100;

  private final int maxSegmentSize;

  /** Streams past 100 subsegments. */
  public DefaultStreamingStrategy() {
    this(DEFAULT_MAX_SEGMENT_SIZE);
  }

  /**
   * Streams past {@code maxSegmentSize} subsegments.
   *
   * @throws IllegalArgumentException when {@code maxSegmentSize} is negative
   */
  public DefaultStreamingStrategy(int maxSegmentSize) {
    if (maxSegmentSize < 0) {
      throw new IllegalArgumentException("maxSegmentSize must be a non-negative integer.");
    }
    this.maxSegmentSize = maxSegmentSize;
  }

  public int getMaxSegmentSize() {
    return maxSegmentSize;
  }

  @Override
  public boolean requiresStreaming(Segment segment) {
    return segment.isSampled() && segment.getTotalSize().intValue() > maxSegmentSize;
  }

  @Override
  public void streamSome(Entity entity, Emitter emitter) {
    if (entity.getSubsegmentsLock().isHeldByCurrentThread()) {
      stream(entity, emitter);
      return;
    }
    entity.getSubsegmentsLock().lock();
    try {
      stream(entity, emitter);
    } finally {
      entity.getSubsegmentsLock().unlock();
    }
  }

  /** Returns true when {@code entity} itself was sent (so its parent can drop it). */
  private static boolean stream(Entity entity, Emitter emitter) {
    boolean anyChildLeft = false;
    for (Subsegment child : entity.getSubsegmentsCopy()) {
      if (stream(child, emitter)) {
        entity.removeSubsegment(child);
      } else {
        anyChildLeft = true;
      }
    }
    if (entity instanceof Subsegment && !entity.isInProgress() && !anyChildLeft) {
      if (entity.compareAndSetEmitted(false, true)) {
        emitter.sendSubsegment((Subsegment) entity);
      }
      return true;
    }
    return false;
  }
}

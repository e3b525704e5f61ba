package com.amazonaws.xray.strategy;

import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

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

  /**
   * Sends every finished subsegment under {@code root} whose own subsegments were all sent, children
   * before parents, and drops what was sent from its parent. Walks the tree with an explicit stack,
   * in the order a recursive walk would, so that no nesting depth can overflow the app's stack.
   */
  private static void stream(Entity root, Emitter emitter) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root));
    while (!stack.isEmpty()) {
      Frame frame = stack.peek();
      if (frame.next < frame.children.size()) {
        stack.push(new Frame(frame.children.get(frame.next++)));
        continue;
      }
      stack.pop();
      Entity entity = frame.entity;
      boolean sent = false;
      if (entity instanceof Subsegment && !entity.isInProgress() && !frame.anyChildLeft) {
        // Checked first: compareAndSetEmitted reports an entity that was already emitted.
        if (!entity.isEmitted() && entity.compareAndSetEmitted(false, true)) {
          emitter.sendSubsegment((Subsegment) entity);
        }
        sent = true;
      }
      Frame parent = stack.peek();
      if (parent != null) {
        if (sent) {
          parent.entity.removeSubsegment((Subsegment) entity);
        } else {
          parent.anyChildLeft = true;
        }
      }
    }
  }

  /** An entity being walked: its children (copied when reached) and how far the walk got. */
  private static final class Frame {
    final Entity entity;
    final List<Subsegment> children;
    int next;
    boolean anyChildLeft;

    Frame(Entity entity) {
      this.entity = entity;
      this.children = entity.getSubsegmentsCopy();
    }
  }
}

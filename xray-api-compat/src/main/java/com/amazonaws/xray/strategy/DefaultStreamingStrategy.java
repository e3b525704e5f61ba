package com.amazonaws.xray.strategy;

import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.annotation.Nullable;

/**
 * Streams a sampled segment once it holds more than {@link #getMaxSegmentSize()} subsegments
 * (default 100): its finished subtrees are sent on their own and dropped from the segment, as the
 * X-Ray SDK does (the differential scenario {@code EntityLifecycle} checks it against the SDK).
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

  /**
   * Sends the finished parts of {@code entity}'s tree as the X-Ray SDK does: a finished subsegment
   * whose whole subtree is finished goes as one document, with its subsegments in it, and leaves
   * its parent; an unfinished one stays, and its finished subtrees go. Skipped when another thread
   * holds the entity's subsegment lock, and so is each subtree whose lock another thread holds:
   * streaming does not wait for them.
   */
  @Override
  public void streamSome(Entity entity, Emitter emitter) {
    ReentrantLock lock = entity.getSubsegmentsLock();
    if (!lock.tryLock()) {
      return;
    }
    try {
      stream(entity, emitter);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Streams the tree under {@code root}, whose lock the caller holds. Walks it with an explicit
   * stack, in the order a recursive walk would (children first, each subtree with its lock held),
   * so that no nesting depth can overflow the app's stack.
   */
  private static void stream(Entity root, Emitter emitter) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root, root.getSubsegmentsCopy(), false));
    try {
      while (!stack.isEmpty()) {
        Frame frame = stack.peek();
        if (frame.next < frame.children.size()) {
          Subsegment child = frame.children.get(frame.next++);
          if (child.getSubsegments().isEmpty()) {
            // A leaf, as most streamed subsegments are (a look at its live list, which takes no
            // lock): no frame, and its lock is not taken. The X-Ray SDK takes it too, which only a
            // thread adding a subsegment to the leaf at this very moment could hold; an entity's
            // lock is made on first use, so that most leaves have none.
            if (!child.isInProgress()) {
              frame.addStreamable(child);
            }
            continue;
          }
          ReentrantLock childLock = child.getSubsegmentsLock();
          if (!childLock.tryLock()) {
            continue;
          }
          boolean pushed = false;
          try {
            // Copied again, under the lock this time.
            stack.push(new Frame(child, child.getSubsegmentsCopy(), true));
            pushed = true;
          } finally {
            if (!pushed) {
              childLock.unlock();
            }
          }
          continue;
        }
        stack.pop();
        try {
          if (frame.finish(emitter)) {
            Frame parent = stack.peek();
            if (parent != null) {
              parent.addStreamable((Subsegment) frame.entity);
            }
          }
        } finally {
          frame.unlockIfHeld();
        }
      }
    } finally {
      // Only when sending threw: let go of the locks of the subtrees still being walked.
      for (Frame frame : stack) {
        frame.unlockIfHeld();
      }
    }
  }

  /**
   * An entity being walked: its children (copied when reached), how far the walk got, the finished
   * subtrees found among them, and whether the walk holds the entity's lock.
   */
  private static final class Frame {
    final Entity entity;
    final List<Subsegment> children;
    final boolean locked;
    int next;
    @Nullable List<Subsegment> streamable;

    Frame(Entity entity, List<Subsegment> children, boolean locked) {
      this.entity = entity;
      this.children = children;
      this.locked = locked;
    }

    void addStreamable(Subsegment child) {
      if (streamable == null) {
        streamable = new ArrayList<>();
      }
      streamable.add(child);
    }

    /**
     * Returns true when the entity is finished with its whole subtree, for its parent to send it
     * as one; otherwise sends its finished subtrees and removes them from it.
     */
    boolean finish(Emitter emitter) {
      int finished = streamable == null ? 0 : streamable.size();
      if (finished == children.size() && !entity.isInProgress()) {
        return true;
      }
      for (int i = 0; i < finished; i++) {
        Subsegment child = streamable.get(i);
        emitter.sendSubsegment(child);
        child.setEmitted(true);
        entity.removeSubsegment(child);
      }
      return false;
    }

    void unlockIfHeld() {
      if (locked) {
        entity.getSubsegmentsLock().unlock();
      }
    }
  }
}

package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.trace.SpanData;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.annotation.Nullable;

/**
 * The bounded queue between the app threads that end spans and the {@link BatchSpanProcessor}'s
 * workers: many producers and no lock on their side. A producer claims a slot by compare-and-set of
 * the producer index and then fills it; the consumer empties slots in order (waiting the moment it
 * takes a producer to fill a slot it claimed). Consumers (the processor's worker and its export
 * helpers) take turns under a lock, held once per batch. An {@link
 * java.util.concurrent.ArrayBlockingQueue} locked both sides, so the app threads' {@code offer}
 * waited (and parked) while the worker drained a batch. The producers' side is the design of
 * JCTools' {@code MpscArrayQueue}, which OpenTelemetry shades, in a few lines.
 *
 * <p>{@link #offer} and {@link #remove} may be called from any thread; {@link #poll} and {@link
 * #drainTo} by the consumers.
 */
final class SpanQueue {
  // Fills the slot of a span taken back by remove(): the consumer skips it.
  private static final Object REMOVED = new Object();

  private final int capacity;
  private final int mask;
  private final AtomicReferenceArray<Object> slots;
  private final AtomicLong producerIndex = new AtomicLong();
  private final AtomicLong consumerIndex = new AtomicLong();
  private final Object consumerLock = new Object();

  /** A queue holding at most {@code capacity} spans. */
  SpanQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be > 0, got " + capacity);
    }
    this.capacity = capacity;
    int length = Integer.highestOneBit(capacity);
    if (length < capacity) {
      length <<= 1;
    }
    this.mask = length - 1;
    this.slots = new AtomicReferenceArray<>(length);
  }

  /** Adds {@code span} unless the queue is full; returns false (and keeps nothing) when it is. */
  boolean offer(SpanData span) {
    for (;;) {
      long p = producerIndex.get();
      if (p - consumerIndex.get() >= capacity) {
        return false;
      }
      if (producerIndex.compareAndSet(p, p + 1)) {
        slots.lazySet((int) p & mask, span);
        return true;
      }
    }
  }

  /**
   * Takes {@code span} back when it is still queued (it will not be polled); returns true when it
   * did. For a producer that finds, right after its offer, that the queue is shutting down.
   */
  boolean remove(SpanData span) {
    long end = producerIndex.get();
    for (long i = consumerIndex.get(); i < end; i++) {
      if (slots.compareAndSet((int) i & mask, span, REMOVED)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the oldest span and removes it, or null when the queue is empty. */
  @Nullable
  SpanData poll() {
    synchronized (consumerLock) {
      return pollLocked();
    }
  }

  @Nullable
  private SpanData pollLocked() {
    for (;;) {
      long c = consumerIndex.get();
      if (c == producerIndex.get()) {
        return null;
      }
      int slot = (int) c & mask;
      Object value = slots.get(slot);
      if (value == null) {
        // Claimed, not filled yet: the producer is between its two steps.
        Thread.yield();
        continue;
      }
      // A compare-and-set, not a plain write: remove() may be replacing the span right now.
      if (!slots.compareAndSet(slot, value, null)) {
        continue;
      }
      consumerIndex.lazySet(c + 1);
      if (value != REMOVED) {
        return (SpanData) value;
      }
    }
  }

  /** Moves up to {@code max} spans, oldest first, to {@code to}; returns how many. */
  int drainTo(Collection<? super SpanData> to, int max) {
    int moved = 0;
    synchronized (consumerLock) {
      while (moved < max) {
        SpanData span = pollLocked();
        if (span == null) {
          break;
        }
        to.add(span);
        moved++;
      }
    }
    return moved;
  }

  /**
   * Moves {@code count} spans, oldest first, to {@code to} when at least that many are queued, and
   * none otherwise; returns how many it moved (fewer than {@code count} only when a producer took a
   * span back meanwhile, see {@link #remove}).
   */
  int drainFullBatch(Collection<? super SpanData> to, int count) {
    synchronized (consumerLock) {
      if (size() < count) {
        return 0;
      }
      return drainTo(to, count);
    }
  }

  /** Returns how many spans are queued (those being taken back included), at most the capacity. */
  int size() {
    long size = producerIndex.get() - consumerIndex.get();
    return (int) Math.max(0, Math.min(size, capacity));
  }
}

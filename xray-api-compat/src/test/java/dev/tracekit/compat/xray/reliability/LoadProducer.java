package dev.tracekit.compat.xray.reliability;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.xray.TraceKitIds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An app under load, traced with the X-Ray API: {@code threads} threads each record {@code
 * segments} segments with {@code subsegments} subsegments each, through one recorder. It remembers
 * each segment's id and trace id, and the most spans it saw queued.
 *
 * <p>Optionally it paces itself: before each X-Ray call that ends an entity (and so hands a span to
 * the queue) a thread waits while the queue holds {@code highWater} spans or more. A check and the
 * span it lets through are not atomic, so the queue can exceed the mark by at most one span per
 * thread: with {@code highWater + threads <= maxQueueSize} no span can be dropped.
 */
final class LoadProducer {
  final int threads;
  final int segments;
  final int subsegments;
  private final AWSXRayRecorder recorder =
      AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
  private final long[] segmentIds;
  private final long[] segmentTraceHigh;
  private final long[] segmentTraceLow;
  private final AtomicLong maxQueued = new AtomicLong();
  private final AtomicLong pauses = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final int highWater;

  /** {@code highWater} 0 means no pacing. */
  LoadProducer(int threads, int segments, int subsegments, int highWater) {
    this.threads = threads;
    this.segments = segments;
    this.subsegments = subsegments;
    this.highWater = highWater;
    this.segmentIds = new long[threads * segments];
    this.segmentTraceHigh = new long[threads * segments];
    this.segmentTraceLow = new long[threads * segments];
  }

  /** Spans the run ends: one per segment and one per subsegment. */
  long spans() {
    return (long) threads * segments * (1 + subsegments);
  }

  /**
   * Runs the app threads to their end; {@code sampler}, when set, runs on the calling thread every
   * {@code sampleMillis} while they work. Rethrows what an app thread threw.
   */
  void run(Runnable sampler, long sampleMillis) throws Exception {
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> produce(thread), "load-app-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      while (worker.isAlive()) {
        worker.join(sampleMillis);
        sampler.run();
      }
    }
    Throwable thrown = failure.get();
    if (thrown instanceof Exception) {
      throw (Exception) thrown;
    }
    if (thrown != null) {
      throw new AssertionError("an app thread failed", thrown);
    }
  }

  private void produce(int thread) {
    try {
      for (int s = 0; s < segments; s++) {
        Segment segment = recorder.beginSegment("load-" + thread + "-" + s);
        int index = thread * segments + s;
        segmentIds[index] = Long.parseUnsignedLong(segment.getId(), 16);
        String traceId = TraceKitIds.hex(segment.getTraceId());
        segmentTraceHigh[index] = Long.parseUnsignedLong(traceId.substring(0, 16), 16);
        segmentTraceLow[index] = Long.parseUnsignedLong(traceId.substring(16), 16);
        for (int i = 0; i < subsegments; i++) {
          recorder.beginSubsegment("work");
          pace();
          recorder.endSubsegment();
        }
        pace();
        recorder.endSegment();
      }
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }

  private void pace() {
    long queued = TraceKit.getStats().getSpansQueued();
    if (queued > maxQueued.get()) {
      maxQueued.accumulateAndGet(queued, Math::max);
    }
    if (highWater <= 0 || queued < highWater) {
      return;
    }
    pauses.incrementAndGet();
    do {
      // The app yields to the exporter; it re-checks the queue, it never assumes it drained.
      LockSupport.parkNanos(200_000);
    } while (TraceKit.getStats().getSpansQueued() >= highWater);
  }

  long segmentId(int index) {
    return segmentIds[index];
  }

  long segmentTraceHigh(int index) {
    return segmentTraceHigh[index];
  }

  long segmentTraceLow(int index) {
    return segmentTraceLow[index];
  }

  /** The most spans seen queued by an app thread's check. */
  long maxQueued() {
    return maxQueued.get();
  }

  /** How many times an app thread paused for the queue to drain. */
  long pauses() {
    return pauses.get();
  }
}

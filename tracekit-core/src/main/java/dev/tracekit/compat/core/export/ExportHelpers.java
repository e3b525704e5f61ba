package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The helper workers of a {@link BatchSpanProcessor} that allows more than one export in flight:
 * while the processor's worker exports, a helper takes the next full batch from the queue and
 * exports it too. Helpers only ever send full batches; partial batches, the schedule, flushes and
 * the final drain stay with the worker, which waits for the helpers where a flush or a shutdown
 * needs their exports finished.
 */
final class ExportHelpers {
  private final SpanQueue queue;
  private final int batchSize;
  private final BooleanSupplier running;
  private final Consumer<List<SpanData>> export;
  // Wakes one idle helper; a woken helper passes it on while full batches remain.
  private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
  private final AtomicInteger idle = new AtomicInteger();
  private final Object progress = new Object();
  private final Helper[] helpers;

  /**
   * {@code count} helpers (none is fine) that take batches of {@code batchSize} from {@code queue}
   * while {@code running} says so, and hand each to {@code export}, which must not throw.
   */
  ExportHelpers(
      int count,
      ThreadFactory threads,
      SpanQueue queue,
      int batchSize,
      BooleanSupplier running,
      Consumer<List<SpanData>> export) {
    this.queue = queue;
    this.batchSize = batchSize;
    this.running = running;
    this.export = export;
    this.helpers = new Helper[count];
    for (int i = 0; i < count; i++) {
      Helper helper = new Helper();
      helper.thread = threads.newThread(() -> run(helper));
      helpers[i] = helper;
    }
  }

  /** Returns how many helpers there are. */
  int count() {
    return helpers.length;
  }

  void start() {
    for (Helper helper : helpers) {
      helper.thread.start();
    }
  }

  /**
   * Called after a span was queued while the worker is busy, and by the worker as it begins an
   * export: a full batch in the queue wakes an idle helper.
   */
  void onSpanQueued() {
    if (idle.get() > 0 && queue.size() >= batchSize) {
      signal.offer(Boolean.TRUE);
    }
  }

  /**
   * Waits until every export a helper has begun so far has ended: spans a flush must deliver may
   * have been taken by a helper. Returns false (interrupt status set) when interrupted.
   */
  boolean awaitExports() {
    for (Helper helper : helpers) {
      long begun = helper.exportsBegun;
      synchronized (progress) {
        while (helper.exportsEnded < begun) {
          try {
            progress.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Interrupts the helpers: a shutdown ran out of time. */
  void interrupt() {
    for (Helper helper : helpers) {
      helper.thread.interrupt();
    }
  }

  /**
   * Wakes the helpers, which stop once {@code running} says false and their export has ended, and
   * waits until they have stopped.
   */
  void stop() {
    signal.offer(Boolean.TRUE);
    boolean interrupted = false;
    for (Helper helper : helpers) {
      while (true) {
        try {
          helper.thread.join();
          break;
        } catch (InterruptedException e) {
          // A shutdown out of time interrupted the helpers too: they end without the network.
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(Helper helper) {
    List<SpanData> batch = new ArrayList<>(batchSize);
    try {
      while (running.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
        if (queue.size() >= batchSize) {
          exportBatch(helper, batch);
          continue;
        }
        idle.incrementAndGet();
        try {
          // A span queued after the increment sees an idle helper, and signals once a batch fills.
          if (queue.size() < batchSize && running.getAsBoolean()) {
            signal.take();
          }
        } catch (InterruptedException e) {
          return;
        } finally {
          idle.decrementAndGet();
        }
      }
    } finally {
      // Wakes the next idle helper, so that the one signal of stop() reaches them all.
      signal.offer(Boolean.TRUE);
    }
  }

  private void exportBatch(Helper helper, List<SpanData> batch) {
    helper.exportsBegun++;
    try {
      queue.drainFullBatch(batch, batchSize);
      if (idle.get() > 0 && queue.size() >= batchSize) {
        signal.offer(Boolean.TRUE);
      }
      if (!batch.isEmpty()) {
        export.accept(batch);
      }
    } finally {
      batch.clear();
      helper.exportsEnded = helper.exportsBegun;
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  /** A helper's thread and how many exports it began and ended (written by its thread only). */
  private static final class Helper {
    Thread thread;
    volatile long exportsBegun;
    volatile long exportsEnded;
  }
}

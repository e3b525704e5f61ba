package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.export.ExportResult;
import dev.tracekit.compat.core.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * An exporter that records every batch it is given, answers as told, and can be made to block until
 * released (or interrupted, or shut down) so that tests can hold the worker inside an export.
 */
final class RecordingExporter implements SpanExporter {
  /** Decides the outcome of one export; may throw. */
  interface Responder {
    @Nullable
    ExportResult respond(List<SpanData> batch);
  }

  private final List<List<SpanData>> batches = new ArrayList<>();
  private final Semaphore exportsStarted = new Semaphore(0);
  private final AtomicInteger shutdownCalls = new AtomicInteger();
  private volatile Responder responder = batch -> ExportResult.success();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  @Nullable private volatile Thread exportThread;
  private volatile Runnable onFlush = () -> {};

  /** Makes exports block until {@link #release()}, the exporter's shutdown or an interrupt. */
  RecordingExporter blockExports() {
    gate = new CountDownLatch(1);
    return this;
  }

  /** Lets blocked and later exports through. */
  void release() {
    gate.countDown();
  }

  RecordingExporter respondWith(Responder responder) {
    this.responder = responder;
    return this;
  }

  /** Runs {@code hook} on the worker each time the processor flushes the exporter. */
  RecordingExporter onFlush(Runnable hook) {
    this.onFlush = hook;
    return this;
  }

  /** Waits until an export has started (one per call); fails after 10 s. */
  void awaitExportStarted() throws InterruptedException {
    if (!exportsStarted.tryAcquire(10, TimeUnit.SECONDS)) {
      throw new AssertionError("No export started within 10 s; batches so far: " + batchSizes());
    }
  }

  @Override
  public ExportResult export(List<SpanData> spans) {
    exportThread = Thread.currentThread();
    synchronized (this) {
      batches.add(new ArrayList<>(spans));
    }
    exportsStarted.release();
    try {
      // Bounded so that a broken test cannot hang the build: never reached when tests release.
      if (!gate.await(30, TimeUnit.SECONDS)) {
        return ExportResult.failed(spans.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExportResult.failed(spans.size());
    }
    return responder.respond(spans);
  }

  @Override
  public void flush() {
    onFlush.run();
  }

  @Override
  public void shutdown() {
    shutdownCalls.incrementAndGet();
    gate.countDown();
  }

  synchronized List<List<SpanData>> batches() {
    return new ArrayList<>(batches);
  }

  synchronized List<Integer> batchSizes() {
    List<Integer> sizes = new ArrayList<>();
    for (List<SpanData> batch : batches) {
      sizes.add(batch.size());
    }
    return sizes;
  }

  synchronized int spanCount() {
    int count = 0;
    for (List<SpanData> batch : batches) {
      count += batch.size();
    }
    return count;
  }

  int shutdownCalls() {
    return shutdownCalls.get();
  }

  @Nullable
  Thread exportThread() {
    return exportThread;
  }
}

package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.export.ExportResult;
import dev.tracekit.compat.core.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * The test kit's span exporter: records every batch it is given, in export order, answers as told
 * (success by default), and can be made to block until released (or interrupted, or shut down) so
 * that tests can hold the worker inside an export. Queries return snapshots; thread-safe.
 */
public final class RecordingExporter implements SpanExporter {
  /** Decides the outcome of one export; may throw. */
  public interface Responder {
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
  public RecordingExporter blockExports() {
    gate = new CountDownLatch(1);
    return this;
  }

  /** Lets blocked and later exports through. */
  public void release() {
    gate.countDown();
  }

  public RecordingExporter respondWith(Responder responder) {
    this.responder = responder;
    return this;
  }

  /** Runs {@code hook} on the worker each time the processor flushes the exporter. */
  public RecordingExporter onFlush(Runnable hook) {
    this.onFlush = hook;
    return this;
  }

  /** Waits until an export has started (one per call); fails after 10 s. */
  public void awaitExportStarted() throws InterruptedException {
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

  public synchronized List<List<SpanData>> batches() {
    return new ArrayList<>(batches);
  }

  public synchronized List<Integer> batchSizes() {
    List<Integer> sizes = new ArrayList<>();
    for (List<SpanData> batch : batches) {
      sizes.add(batch.size());
    }
    return sizes;
  }

  public synchronized int spanCount() {
    int count = 0;
    for (List<SpanData> batch : batches) {
      count += batch.size();
    }
    return count;
  }

  /** Returns every span exported so far, in export order. */
  public synchronized List<SpanData> spans() {
    List<SpanData> spans = new ArrayList<>();
    for (List<SpanData> batch : batches) {
      spans.addAll(batch);
    }
    return spans;
  }

  /** Returns the first span exported with this name; fails when there is none. */
  public SpanData byName(String name) {
    for (SpanData span : spans()) {
      if (span.getName().equals(name)) {
        return span;
      }
    }
    throw new AssertionError("no span named " + name + " in " + spans());
  }

  /** Returns the spans with no parent (the ones that start a trace), in start order. */
  public List<SpanData> roots() {
    return spans().stream()
        .filter(span -> !span.getParentSpanContext().isValid())
        .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
        .collect(Collectors.toList());
  }

  /** Returns the direct children of {@code parent}, in start order. */
  public List<SpanData> childrenOf(SpanData parent) {
    String traceId = parent.getSpanContext().getTraceId();
    String spanId = parent.getSpanContext().getSpanId();
    return spans().stream()
        .filter(span -> span.getParentSpanContext().isValid()
            && span.getParentSpanContext().getTraceId().equals(traceId)
            && span.getParentSpanContext().getSpanId().equals(spanId))
        .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
        .collect(Collectors.toList());
  }

  /** Returns the only child of {@code parent} named {@code name}; fails unless there is one. */
  public SpanData child(SpanData parent, String name) {
    List<SpanData> matches = childrenOf(parent).stream()
        .filter(span -> span.getName().equals(name))
        .collect(Collectors.toList());
    if (matches.size() != 1) {
      throw new AssertionError(matches.size() + " children named " + name + " under "
          + parent.getName() + ": " + names(childrenOf(parent)));
    }
    return matches.get(0);
  }

  /** Returns the names of the direct children of {@code parent}, in start order. */
  public List<String> childNames(SpanData parent) {
    return names(childrenOf(parent));
  }

  public int shutdownCalls() {
    return shutdownCalls.get();
  }

  @Nullable
  public Thread exportThread() {
    return exportThread;
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).collect(Collectors.toList());
  }
}

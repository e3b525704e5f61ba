package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.trace.SpanData;
import java.util.List;

/**
 * Sends batches of finished spans somewhere. The batching processor calls it from its single worker
 * thread, never from app threads, so an implementation may block (within its own timeouts) but
 * must not throw: it reports the outcome as an {@link ExportResult}.
 */
public interface SpanExporter {

  /**
   * Exports {@code spans} and returns how many of them could not be delivered. Blocks at most the
   * exporter's own time budget.
   */
  ExportResult export(List<SpanData> spans);

  /** Delivers anything the exporter buffers itself. The default does nothing. */
  default void flush() {}

  /** Releases connections and threads. Later exports fail at once. Idempotent. */
  void shutdown();
}

package dev.tracekit.compat.core.api;

/**
 * An activation of a span as the current one on a thread; closing it restores what was current
 * before. Close it on the thread that opened it, in try-with-resources:
 *
 * <pre>{@code
 * try (Scope ignored = span.makeCurrent()) {
 *   // TraceKit.currentSpan() == span here
 * }
 * }</pre>
 */
public interface Scope extends AutoCloseable {
  /** Restores the previous current span. Never throws; calling it twice has no further effect. */
  @Override
  void close();
}

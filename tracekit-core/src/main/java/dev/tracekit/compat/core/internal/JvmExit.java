package dev.tracekit.compat.core.internal;

/**
 * Whether the JVM is exiting, as TraceKit's shutdown hook knows it: exports then stop retrying
 * failures a retry cannot fix in the little time left (refused, unknown host, TLS), so that the
 * process is not held for nothing, and say so at once.
 */
public final class JvmExit {
  private static volatile boolean exiting;

  private JvmExit() {}

  /** Marks the JVM as exiting; called once, by the shutdown hook. */
  public static void begin() {
    exiting = true;
  }

  /** True once the shutdown hook has begun. */
  public static boolean isExiting() {
    return exiting;
  }
}

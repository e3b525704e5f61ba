package dev.tracekit.compat.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates named daemon threads without a context class loader, so that tracing threads never keep
 * a JVM or an app class loader alive. Not API.
 */
public final class DaemonThreadFactory implements ThreadFactory {
  private final String namePrefix;
  private final AtomicInteger counter = new AtomicInteger();

  /** Threads are named {@code namePrefix-N}. */
  public DaemonThreadFactory(String namePrefix) {
    this.namePrefix = namePrefix;
  }

  @Override
  public Thread newThread(Runnable runnable) {
    Thread thread = new Thread(runnable, namePrefix + "-" + counter.incrementAndGet());
    thread.setDaemon(true);
    thread.setContextClassLoader(null);
    return thread;
  }
}

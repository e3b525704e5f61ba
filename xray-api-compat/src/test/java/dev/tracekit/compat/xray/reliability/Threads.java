package dev.tracekit.compat.xray.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Live threads, compared by identity: which ones a piece of work started and left behind. */
final class Threads {
  private Threads() {}

  /** The live threads now. */
  static Set<Thread> live() {
    Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<Thread, Boolean>());
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive()) {
        threads.add(thread);
      }
    }
    return threads;
  }

  /** The live threads that are not in {@code before} and match {@code filter}. */
  static List<Thread> startedSince(Set<Thread> before, Predicate<Thread> filter) {
    List<Thread> threads = new ArrayList<>();
    for (Thread thread : live()) {
      if (!before.contains(thread) && filter.test(thread)) {
        threads.add(thread);
      }
    }
    return threads;
  }

  /**
   * Waits, at most {@code seconds}, until no live thread outside {@code before} matches {@code
   * filter}; returns those still alive then (empty when they all ended).
   */
  static List<Thread> awaitEnded(Set<Thread> before, Predicate<Thread> filter, long seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> left = startedSince(before, filter);
    while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
      left.get(0).join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      left = startedSince(before, filter);
    }
    return left;
  }

  /** TraceKit's own threads (exporter worker, HTTP dispatcher). */
  static boolean isTraceKit(Thread thread) {
    return thread.getName().startsWith("tracekit-");
  }

  /** OkHttp's threads (its shared TaskRunner pool and anything else it names OkHttp*). */
  static boolean isOkHttp(Thread thread) {
    return thread.getName().startsWith("OkHttp");
  }

  /** OkHttp's threads and Okio's timeout watchdog: shared by every OkHttp client of the JVM. */
  static boolean isOkHttpOrOkio(Thread thread) {
    return isOkHttp(thread) || thread.getName().startsWith("Okio ");
  }

  static boolean any(Thread thread) {
    return true;
  }

  static List<String> names(Collection<Thread> threads) {
    List<String> names = new ArrayList<>();
    for (Thread thread : threads) {
      names.add(thread.getName());
    }
    Collections.sort(names);
    return names;
  }
}

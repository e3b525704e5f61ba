package dev.tracekit.compat.xray.reliability;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link LoadTest}'s dead-backend run: a drop-in app (it never calls {@code
 * TraceKit.init}: the X-Ray API starts TraceKit from the {@code tracekit.*} system properties)
 * records {@code args[0]} threads × {@code args[1]} segments × {@code args[2]} subsegments without
 * pacing, then calls {@code TraceKit.shutdown()}. It prints, as {@code KEY value} lines, the
 * pipeline's counts, the live threads before the first segment and after shutdown, and the heap
 * used after garbage collections.
 */
final class DeadBackendLoadApp {
  private DeadBackendLoadApp() {}

  public static void main(String[] args) throws Exception {
    Set<Thread> before = Threads.live();
    LoadProducer app =
        new LoadProducer(
            Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), 0);
    AtomicLong maxUsedAfterGc = new AtomicLong();
    AtomicLong samples = new AtomicLong();
    long started = System.nanoTime();
    // Every 250 ms a full collection, then the heap in use: what the app and the pipeline retain.
    app.run(
        () -> {
          maxUsedAfterGc.accumulateAndGet(usedAfterFullGc(), Math::max);
          samples.incrementAndGet();
        },
        250);
    long produced = System.nanoTime();
    PipelineStats beforeShutdown = TraceKit.getStats();
    boolean shutdownDone = TraceKit.shutdown();
    long shutDown = System.nanoTime();
    // A shutdown that ran out of time returns while the worker drops what is left; calling it
    // again waits (bounded) for the worker to stop, after which the counts are final.
    boolean stopped = TraceKit.shutdown();
    PipelineStats stats = TraceKit.getStats();
    List<Thread> traceKitLeft = Threads.awaitEnded(before, Threads::isTraceKit, 10);
    // OkHttp's and Okio's shared pools keep an idle daemon thread for 60 s after its last task:
    // not TraceKit's, not waited for (the library gives no way to end it sooner).
    List<Thread> sharedLeft = Threads.startedSince(before, Threads::any);
    long threadsGone = System.nanoTime();
    long heapAtEnd = usedAfterFullGc();

    print("SPANS", app.spans());
    print("ENDED", stats.getSpansEnded());
    print("UNSAMPLED", stats.getSpansUnsampled());
    print("EXPORTED", stats.getSpansExported());
    print("DROPPED_QUEUE_FULL", stats.getSpansDroppedQueueFull());
    print("DROPPED_AFTER_SHUTDOWN", stats.getSpansDroppedAfterShutdown());
    print("FAILED", stats.getSpansFailed());
    print("QUEUED", stats.getSpansQueued());
    print("QUEUED_BEFORE_SHUTDOWN", beforeShutdown.getSpansQueued());
    print("MAX_QUEUED_SEEN", app.maxQueued());
    print("SHUTDOWN_DONE", shutdownDone ? 1 : 0);
    print("SECOND_SHUTDOWN_DONE", stopped ? 1 : 0);
    print("PRODUCE_MILLIS", TimeUnit.NANOSECONDS.toMillis(produced - started));
    print("SHUTDOWN_MILLIS", TimeUnit.NANOSECONDS.toMillis(shutDown - produced));
    print("THREADS_WIND_DOWN_MILLIS", TimeUnit.NANOSECONDS.toMillis(threadsGone - shutDown));
    print("THREADS_BEFORE", before.size());
    print("THREADS_AFTER", Threads.live().size());
    System.out.println("TRACEKIT_THREADS_LEFT " + names(traceKitLeft));
    System.out.println("THREADS_LEFT_AT_SHUTDOWN " + names(sharedLeft));
    print("THREADS_LEFT_AT_SHUTDOWN_COUNT", sharedLeft.size());
    print("THREADS_LEFT_AT_SHUTDOWN_DAEMONS", sharedLeft.stream().filter(Thread::isDaemon).count());
    print("HEAP_MAX", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
    print("HEAP_SAMPLES", samples.get());
    print("HEAP_MAX_USED_AFTER_GC", maxUsedAfterGc.get());
    print("HEAP_USED_AFTER_GC_AT_END", heapAtEnd);
    System.out.println("STATS " + stats);
  }

  /**
   * Collects the whole heap and returns what it retained, as the collector recorded it when it
   * ended (so that allocations by the app threads since do not count).
   */
  private static long usedAfterFullGc() {
    System.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage usage = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (usage != null) {
        used += usage.getUsed();
      }
    }
    return used;
  }

  private static String names(List<Thread> threads) {
    return threads.isEmpty() ? "(none)" : String.join(", ", Threads.names(threads));
  }

  private static void print(String key, long value) {
    System.out.println(key + " " + value);
  }
}

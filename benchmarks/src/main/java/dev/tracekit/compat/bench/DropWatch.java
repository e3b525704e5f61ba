package dev.tracekit.compat.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds where the shim's drops come from (issue 18): a thread that looks at the pipeline every
 * millisecond during a paced run and, for each episode of drops (queue full), tells what happened
 * in the {@value #LOOKBACK_MILLIS} ms before it and during it: a garbage collection, JIT compiling,
 * and what the exporter thread did — its CPU against the wall clock (below it: the thread was
 * runnable but not running, or waiting) and, from its stack each tick, whether it was working,
 * waiting for the collector's answer, or idle. Runs only in the diagnostic run, never in the runs
 * whose CPU the table reports (its ticks cost CPU and wake-ups). Shim only.
 */
final class DropWatch {
  static final String THREAD_NAME = "bench-drop-watch";
  private static final int LOOKBACK_MILLIS = 20;
  private static final int RING = 64;
  private static final int PRINTED_EPISODES = 20;

  private final Thread thread;
  private final long exporterThreadId;
  private final int queueCapacity;
  private volatile boolean running = true;
  private final List<Episode> episodes = new ArrayList<>();
  // Where the exporter waited, when not for spans nor for an answer: method, ticks. Written by the
  // watch thread only, read after it ended.
  private final java.util.Map<String, Integer> blockedAt = new java.util.TreeMap<>();

  /** What one tick saw; times in nanoseconds. */
  private static final class Tick {
    long wall;
    long dropped;
    long queued;
    long gcCount;
    long compileMillis;
    long exporterCpu;
    /**
     * 'w' working, 'n' waiting for the collector's answer, 'i' waiting for spans (its queue's
     * signal), 'b' blocked or waiting elsewhere, '-' not looked at (the queue under a quarter full).
     */
    char exporterState;

    void copyFrom(Tick other) {
      wall = other.wall;
      dropped = other.dropped;
      queued = other.queued;
      gcCount = other.gcCount;
      compileMillis = other.compileMillis;
      exporterCpu = other.exporterCpu;
      exporterState = other.exporterState;
    }
  }

  /**
   * Drops no more than 5 ms apart, with the {@value #LOOKBACK_MILLIS} ms before the first: the
   * differences between {@code from} and {@code to}, and the exporter's state tick by tick.
   */
  private static final class Episode {
    final Tick from = new Tick();
    final Tick to = new Tick();
    long firstDrop;
    long dropped;
    long maxQueued;
    long longestGap;
    int working;
    int network;
    int idle;
    int blocked;
    int unseen;

    long gcCollections() {
      return to.gcCount - from.gcCount;
    }

    long compileMillis() {
      return to.compileMillis - from.compileMillis;
    }

    double exporterCpuShare() {
      return (to.exporterCpu - from.exporterCpu) / (double) Math.max(1, to.wall - from.wall);
    }

    /**
     * gc: a collection ran; network: the exporter mostly waited for the collector's answer;
     * exporter-cpu: it was on the CPU 75% of the time or more, so exporting cannot keep up;
     * cpu-share: it had work but got less of the CPU (other threads ran: app threads, JIT).
     */
    String cause() {
      if (gcCollections() > 0) {
        return "gc";
      }
      if (network > working) {
        return "network";
      }
      return exporterCpuShare() >= 0.75 ? "exporter-cpu" : "cpu-share";
    }

    String describe() {
      return String.format(Locale.ROOT,
          "%s: %d dropped over %.1f ms; in the %d ms before and during it: gc %d, JIT %d ms,"
              + " exporter on CPU %.0f%% of the time; exporter seen working %d, waiting for the"
              + " answer %d, waiting for spans %d, waiting elsewhere %d, not looked at %d ticks;"
              + " queue at most %d; longest time between two looks %.1f ms",
          cause(), dropped, (to.wall - firstDrop) / 1e6, LOOKBACK_MILLIS, gcCollections(),
          compileMillis(), 100 * exporterCpuShare(), working, network, idle, blocked, unseen,
          maxQueued, longestGap / 1e6);
    }
  }

  private DropWatch(long exporterThreadId, int queueCapacity) {
    this.exporterThreadId = exporterThreadId;
    this.queueCapacity = queueCapacity;
    this.thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true);
  }

  /** Starts watching the shim's pipeline, whose queue holds {@code queueCapacity} spans. */
  static DropWatch start(int queueCapacity) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long exporter = -1;
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("tracekit-span-exporter")) {
        exporter = info.getThreadId();
      }
    }
    if (exporter < 0) {
      throw new IllegalStateException("no tracekit-span-exporter thread: start the shim first");
    }
    DropWatch watch = new DropWatch(exporter, queueCapacity);
    watch.thread.start();
    return watch;
  }

  private void run() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    Tick[] ring = new Tick[RING];
    for (int i = 0; i < RING; i++) {
      ring[i] = new Tick();
    }
    Episode open = null;
    for (long n = 0; running; n++) {
      Tick tick = ring[(int) (n % RING)];
      // The tick before (a blank one for the first), which drops and gaps are measured from.
      Tick previous = ring[(int) ((n + RING - 1) % RING)];
      long[] counts = ShimReport.counts();
      tick.wall = System.nanoTime();
      tick.dropped = counts[ShimReport.DROPPED];
      tick.queued = counts[ShimReport.QUEUED];
      long collections = 0;
      for (GarbageCollectorMXBean gc : gcs) {
        collections += Math.max(0, gc.getCollectionCount());
      }
      tick.gcCount = collections;
      tick.compileMillis = jit.getTotalCompilationTime();
      tick.exporterCpu = mx.getThreadCpuTime(exporterThreadId);
      // The stack only when the queue is a quarter full or more: reading it costs.
      tick.exporterState =
          tick.queued * 4 >= queueCapacity ? stateOf(mx.getThreadInfo(exporterThreadId, 16)) : '-';
      if (open != null && tick.wall - open.to.wall <= 5_000_000L) {
        countState(open, tick, previous);
      }
      if (n > LOOKBACK_MILLIS && tick.dropped > previous.dropped) {
        if (open == null || tick.wall - open.to.wall > 5_000_000L) {
          open = new Episode();
          open.from.copyFrom(ring[(int) ((n - LOOKBACK_MILLIS) % RING)]);
          open.firstDrop = tick.wall;
          for (long k = n - LOOKBACK_MILLIS; k <= n; k++) {
            countState(open, ring[(int) (k % RING)], ring[(int) ((k - 1) % RING)]);
          }
          synchronized (episodes) {
            episodes.add(open);
          }
        }
        synchronized (episodes) {
          open.to.copyFrom(tick);
          open.dropped += tick.dropped - previous.dropped;
        }
      }
      LockSupport.parkNanos(1_000_000L);
    }
  }

  private static void countState(Episode episode, Tick tick, Tick previous) {
    episode.longestGap = Math.max(episode.longestGap, tick.wall - previous.wall);
    switch (tick.exporterState) {
      case 'w':
        episode.working++;
        break;
      case 'n':
        episode.network++;
        break;
      case 'i':
        episode.idle++;
        break;
      case 'b':
        episode.blocked++;
        break;
      default:
        episode.unseen++;
    }
    episode.maxQueued = Math.max(episode.maxQueued, tick.queued);
  }

  private char stateOf(ThreadInfo info) {
    if (info == null) {
      return '-';
    }
    StackTraceElement[] stack = info.getStackTrace();
    for (StackTraceElement frame : stack) {
      String method = frame.getClassName() + "." + frame.getMethodName();
      if (method.contains("readResponseHeaders") || method.contains("SocketInputStream.read")) {
        return 'n';
      }
    }
    if (info.getThreadState() == Thread.State.RUNNABLE) {
      return 'w';
    }
    for (StackTraceElement frame : stack) {
      if (frame.getMethodName().equals("runWorker")) {
        // Parked in the worker loop itself: waiting for its queue's signal.
        return 'i';
      }
      if (!frame.getClassName().startsWith("java.") && !frame.getClassName().startsWith("jdk.")) {
        blockedAt.merge(frame.getClassName() + "." + frame.getMethodName(), 1, Integer::sum);
        return 'b';
      }
    }
    return 'b';
  }

  /** Stops watching; puts what it found into {@code outcome} and returns lines to print. */
  List<String> stop(Outcome outcome) throws InterruptedException {
    running = false;
    thread.join();
    List<String> lines = new ArrayList<>();
    synchronized (episodes) {
      long dropped = 0;
      java.util.Map<String, long[]> byCause = new java.util.TreeMap<>();
      for (Episode episode : episodes) {
        dropped += episode.dropped;
        long[] c = byCause.computeIfAbsent(episode.cause(), k -> new long[2]);
        c[0]++;
        c[1] += episode.dropped;
        if (lines.size() < PRINTED_EPISODES) {
          outcome.put("watch.episode." + lines.size(), episode.describe());
          lines.add(episode.describe());
        }
      }
      outcome.put("watch.episodes", episodes.size()).put("watch.dropped", dropped);
      if (!blockedAt.isEmpty()) {
        lines.add("the exporter waited elsewhere (ticks): " + blockedAt);
      }
      byCause.forEach((cause, c) -> {
        outcome.put("watch.episodes." + cause, c[0]);
        outcome.put("watch.dropped." + cause, c[1]);
      });
    }
    return lines;
  }
}

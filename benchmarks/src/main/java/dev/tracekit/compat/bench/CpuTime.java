package dev.tracekit.compat.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;

/** CPU time read inside this JVM: all of it, or its threads by name. For the paced and load runs. */
final class CpuTime {
  private CpuTime() {}

  /** This JVM's CPU time so far, in nanoseconds. */
  static long process() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The CPU time of the live threads whose names start with one of {@code prefixes}. */
  static long threadsNamed(String... prefixes) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      for (String prefix : prefixes) {
        if (info.getThreadName().startsWith(prefix)) {
          total += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
          break;
        }
      }
    }
    return total;
  }

  /**
   * The CPU time of every live thread of this JVM, the JVM's own (GC, JIT compilers) included, from
   * /proc (Linux; 10 ms ticks), summed by thread name with digits removed: "GC Thread#" for all GC
   * workers. Empty where /proc is not there.
   */
  static Map<String, Long> byThreadKind() {
    Map<String, Long> kinds = new TreeMap<>();
    Path tasks = Paths.get("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return kinds;
    }
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        try {
          String stat = new String(Files.readAllBytes(thread.resolve("stat")), StandardCharsets.US_ASCII);
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String[] fields = stat.substring(close + 2).split(" ");
          // fields[11] and [12] are utime and stime (the 14th and 15th of stat), in clock ticks.
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          String kind = stat.substring(open + 1, close).replaceAll("[0-9]+", "").trim();
          kinds.merge(kind, ticks * 10_000_000L, Long::sum);
        } catch (java.io.IOException | RuntimeException gone) {
          // the thread ended while being read
        }
      }
    } catch (java.io.IOException e) {
      return kinds;
    }
    return kinds;
  }
}

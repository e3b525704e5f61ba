package dev.tracekit.compat.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

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
}

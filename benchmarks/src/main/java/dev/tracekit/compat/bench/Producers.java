package dev.tracekit.compat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Runs a request on several app threads at once, a fixed number of times each. */
final class Producers {
  private Producers() {}

  /**
   * Runs {@code request} {@code perThread} times on each of {@code threads} threads, all released
   * at once; returns the {@link System#nanoTime()} of the release and of the last thread's end.
   */
  static long[] run(int threads, int perThread, Runnable request) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  request.run();
                }
              },
              "app-" + t);
      workers.add(worker);
      worker.start();
    }
    long begin = System.nanoTime();
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    return new long[] {begin, System.nanoTime()};
  }
}

package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SamplingReservoirTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final AtomicLong nanos = new AtomicLong(-5 * SECOND);

  private static int take(SamplingReservoir reservoir, int times) {
    int granted = 0;
    for (int i = 0; i < times; i++) {
      if (reservoir.take()) {
        granted++;
      }
    }
    return granted;
  }

  @Test
  void grantsItsBudgetOncePerSecondFromTheFirstTake() {
    SamplingReservoir reservoir = new SamplingReservoir(2, nanos::get);

    assertThat(take(reservoir, 5)).isEqualTo(2);
    nanos.addAndGet(SECOND / 2);
    assertThat(take(reservoir, 5)).isZero();
    nanos.addAndGet(SECOND / 2 - 1);
    assertThat(take(reservoir, 5)).as("1 ns before the window ends").isZero();
    nanos.addAndGet(1);
    assertThat(take(reservoir, 5)).isEqualTo(2);
    nanos.addAndGet(10 * SECOND);
    assertThat(take(reservoir, 1)).isEqualTo(1);
  }

  @Test
  void aWindowOpensAtTheFirstTakeNotAtCreation() {
    SamplingReservoir reservoir = new SamplingReservoir(1, nanos::get);
    nanos.addAndGet(SECOND / 2);

    assertThat(reservoir.take()).isTrue();
    nanos.addAndGet(SECOND - 1);
    assertThat(reservoir.take()).isFalse();
  }

  @Test
  void zeroOrNegativeGrantsNothing() {
    assertThat(take(new SamplingReservoir(0, nanos::get), 3)).isZero();
    assertThat(take(new SamplingReservoir(-1, nanos::get), 3)).isZero();
    assertThat(new SamplingReservoir(-1, nanos::get).getPerSecond()).isEqualTo(-1);
  }

  @Test
  void concurrentTakersShareExactlyTheBudget() throws Exception {
    SamplingReservoir reservoir = new SamplingReservoir(100, nanos::get);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Integer> taker =
            () -> {
              start.await();
              return take(reservoir, 1_000);
            };
        results.add(pool.submit(taker));
      }
      start.countDown();
      int granted = 0;
      for (Future<Integer> result : results) {
        granted += result.get(30, TimeUnit.SECONDS);
      }

      assertThat(granted).isEqualTo(100);
    } finally {
      pool.shutdownNow();
    }
  }
}

package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracekit.compat.core.api.Scope;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Spans and scopes in try-with-resources are current for the block, unreferenced on purpose.
@SuppressWarnings("try")
class ContextTest {
  private final Tracer tracer = Tracer.builder().setSpanProcessor(new CollectingSpanProcessor()).build();
  private ExecutorService pool;

  @BeforeEach
  void startPool() {
    pool = Executors.newSingleThreadExecutor();
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  // --- start and close ---

  @Test
  void traceKitStartSpanMakesTheSpanCurrentUntilClosed() {
    Span span = TraceKit.startSpan("outer");
    assertThat(TraceKit.currentSpan()).isSameAs(span);

    span.close();

    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @Test
  void tracerStartSpanMakesTheSpanCurrentUntilClosed() {
    try (Span span = tracer.startSpan("outer")) {
      assertThat(TraceKit.currentSpan()).isSameAs(span);
      assertThat(Span.current()).isSameAs(span);
    }
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @Test
  void nestedSpansRestoreTheirParentWhenClosed() {
    try (Span a = tracer.startSpan("a")) {
      try (Span b = tracer.startSpan("b")) {
        try (Span c = tracer.startSpan("c")) {
          assertThat(TraceKit.currentSpan()).isSameAs(c);
          assertThat(c.getSpanContext().getTraceId()).isEqualTo(a.getSpanContext().getTraceId());
        }
        assertThat(TraceKit.currentSpan()).isSameAs(b);
      }
      assertThat(TraceKit.currentSpan()).isSameAs(a);
    }
  }

  @Test
  void closingTheParentFirstThenTheChildRestoresTheGrandparent() {
    try (Span grandparent = tracer.startSpan("grandparent")) {
      Span parent = tracer.startSpan("parent");
      Span child = tracer.startSpan("child");

      parent.close();
      assertThat(TraceKit.currentSpan()).isSameAs(child);
      child.close();

      assertThat(TraceKit.currentSpan()).isSameAs(grandparent);
    }
  }

  @Test
  void closingTheParentFirstThenTheChildLeavesNoSpanWhenThereIsNoGrandparent() {
    Span parent = tracer.startSpan("parent");
    Span child = tracer.startSpan("child");

    parent.close();
    child.close();

    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @Test
  void outOfOrderClosesNeverLeaveAnEndedSpanCurrent() {
    Span a = tracer.startSpan("a");
    Span b = tracer.startSpan("b");
    Span c = tracer.startSpan("c");

    b.close();
    a.close();
    assertThat(TraceKit.currentSpan()).isSameAs(c);
    c.close();

    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @Test
  void outOfOrderClosesOfUnsampledSpansBehaveAlike() {
    Tracer off = Tracer.builder().build();
    try (Span grandparent = off.startSpan("grandparent")) {
      Span parent = off.startSpan("parent");
      Span child = off.startSpan("child");
      assertThat(child.isRecording()).isFalse();

      parent.close();
      child.close();

      assertThat(TraceKit.currentSpan()).isSameAs(grandparent);
    }
  }

  @Test
  void closingTwiceHasNoFurtherEffect() {
    try (Span outer = tracer.startSpan("outer")) {
      Span first = tracer.startSpan("first");
      first.close();
      try (Span second = tracer.startSpan("second")) {
        first.close();
        assertThat(TraceKit.currentSpan()).isSameAs(second);
      }
      assertThat(TraceKit.currentSpan()).isSameAs(outer);
    }
  }

  @Test
  void endingASpanOnItsThreadRestoresThePreviousSpanLikeClose() {
    try (Span outer = tracer.startSpan("outer")) {
      Span span = tracer.startSpan("span");
      span.end();
      assertThat(TraceKit.currentSpan()).isSameAs(outer);

      span.close();

      assertThat(TraceKit.currentSpan()).isSameAs(outer);
    }
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @Test
  void endingASpanOnAnotherThreadLeavesTheStartingThreadAlone() throws Exception {
    Span span = tracer.startSpan("span");
    Thread other = new Thread(span::end);
    other.start();
    other.join(10_000);

    assertThat(TraceKit.currentSpan()).isSameAs(span);
    span.close();
    assertThat(TraceKit.currentSpan()).as("close on the starting thread still restores")
        .isSameAs(Span.invalid());
  }

  // --- makeCurrent ---

  @Test
  void makeCurrentScopesRestoreThePreviousSpan() {
    Span detached = tracer.spanBuilder("detached").startDetached();
    try (Span outer = tracer.startSpan("outer")) {
      try (Scope scope = detached.makeCurrent()) {
        assertThat(TraceKit.currentSpan()).isSameAs(detached);
      }
      assertThat(TraceKit.currentSpan()).isSameAs(outer);
    }
    detached.end();
  }

  @Test
  void makingTheCurrentSpanCurrentAgainIsHarmless() {
    Span span = tracer.spanBuilder("span").startDetached();
    try (Scope outer = span.makeCurrent()) {
      try (Scope inner = span.makeCurrent()) {
        assertThat(TraceKit.currentSpan()).isSameAs(span);
      }
      assertThat(TraceKit.currentSpan()).isSameAs(span);
    }
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @Test
  void closingAScopeTwiceHasNoFurtherEffect() {
    Span a = tracer.spanBuilder("a").startDetached();
    Span b = tracer.spanBuilder("b").startDetached();
    Scope scopeA = a.makeCurrent();
    scopeA.close();
    try (Scope scopeB = b.makeCurrent()) {
      scopeA.close();
      assertThat(TraceKit.currentSpan()).isSameAs(b);
    }
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @Test
  void invalidSpanScopeIsANoOp() {
    try (Span span = tracer.startSpan("span")) {
      Span.invalid().makeCurrent().close();
      assertThat(TraceKit.currentSpan()).isSameAs(span);
    }
  }

  // --- other threads ---

  @Test
  void closingASpanOnAnotherThreadLeavesBothThreadsCurrentSpansAlone() throws Exception {
    Span poolOwn = leaveSpanCurrentOnPoolThread();
    try (Span outer = tracer.startSpan("outer")) {
      Span span = tracer.startSpan("handed-off");

      Span currentOnPoolThread =
          pool.submit(
                  () -> {
                    span.close();
                    return TraceKit.currentSpan();
                  })
              .get(10, TimeUnit.SECONDS);

      assertThat(currentOnPoolThread).isSameAs(poolOwn);
      assertThat(span.isRecording()).isFalse();
      // This thread still has the span it started; closing a child skips it, as it has ended.
      assertThat(TraceKit.currentSpan()).isSameAs(span);
      tracer.startSpan("child").close();
      assertThat(TraceKit.currentSpan()).isSameAs(outer);
    }
  }

  @Test
  void scopeClosedOnAnotherThreadIsIgnored() throws Exception {
    Span span = tracer.spanBuilder("span").startDetached();
    Scope scope = span.makeCurrent();
    try {
      pool.submit(scope::close).get(10, TimeUnit.SECONDS);
      assertThat(TraceKit.currentSpan()).isSameAs(span);
    } finally {
      scope.close();
    }
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @Test
  void aNewThreadStartsWithoutACurrentSpan() throws Exception {
    try (Span ignored = tracer.startSpan("span")) {
      assertThat(pool.submit(TraceKit::currentSpan).get(10, TimeUnit.SECONDS))
          .isSameAs(Span.invalid());
    }
  }

  // --- wrapping ---

  @Test
  void wrappedRunnableRunsWithTheSpanCurrentWhenWrapped() throws Exception {
    Span poolOwn = leaveSpanCurrentOnPoolThread();
    AtomicReference<Span> seen = new AtomicReference<>();
    Runnable task;
    try (Span span = tracer.startSpan("submitter")) {
      task = TraceKit.wrap(() -> seen.set(TraceKit.currentSpan()));
      pool.submit(task).get(10, TimeUnit.SECONDS);
      assertThat(seen.get()).isSameAs(span);
    }
    assertThat(currentSpanOnPoolThread()).isSameAs(poolOwn);
  }

  @Test
  void taskWrappedWithoutACurrentSpanRunsWithoutOneAndRestoresThePoolThreadsSpan()
      throws Exception {
    Span poolOwn = leaveSpanCurrentOnPoolThread();
    Callable<Span> task = TraceKit.wrap(TraceKit::currentSpan);

    assertThat(pool.submit(task).get(10, TimeUnit.SECONDS)).isSameAs(Span.invalid());
    assertThat(currentSpanOnPoolThread()).isSameAs(poolOwn);
  }

  @Test
  void wrappedCallableRunsWithTheSpanCurrentWhenWrapped() throws Exception {
    Span poolOwn = leaveSpanCurrentOnPoolThread();
    try (Span span = tracer.startSpan("submitter")) {
      Callable<Span> task = TraceKit.wrap(TraceKit::currentSpan);

      assertThat(pool.submit(task).get(10, TimeUnit.SECONDS)).isSameAs(span);
    }
    assertThat(currentSpanOnPoolThread()).isSameAs(poolOwn);
  }

  @Test
  void wrappedTaskRestoresThePoolThreadsSpanEvenWhenItThrows() throws Exception {
    Span poolOwn = leaveSpanCurrentOnPoolThread();
    try (Span ignored = tracer.startSpan("submitter")) {
      Callable<Object> failing =
          TraceKit.wrap(
              (Callable<Object>)
                  () -> {
                    throw new IllegalStateException("task failed");
                  });

      assertThatThrownBy(() -> pool.submit(failing).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IllegalStateException.class);
    }
    assertThat(currentSpanOnPoolThread()).isSameAs(poolOwn);
  }

  @Test
  void wrappingTwiceWrapsOnce() {
    Runnable runnable = TraceKit.wrap(() -> {});
    Callable<String> callable = TraceKit.wrap(() -> "x");
    Executor executor = TraceKit.wrap((Executor) pool);
    ExecutorService service = TraceKit.wrap(pool);

    assertThat(TraceKit.wrap(runnable)).isSameAs(runnable);
    assertThat(TraceKit.wrap(callable)).isSameAs(callable);
    assertThat(TraceKit.wrap(executor)).isSameAs(executor);
    assertThat(TraceKit.wrap(service)).isSameAs(service);
  }

  @Test
  void wrappedExecutorCarriesTheSpanCurrentAtEachSubmission() throws Exception {
    Span poolOwn = leaveSpanCurrentOnPoolThread();
    Executor executor = TraceKit.wrap((Executor) pool);
    List<Span> seen = new ArrayList<>();
    Span first;
    Span second;

    try (Span span = tracer.startSpan("first")) {
      first = span;
      executor.execute(() -> seen.add(TraceKit.currentSpan()));
    }
    try (Span span = tracer.startSpan("second")) {
      second = span;
      executor.execute(() -> seen.add(TraceKit.currentSpan()));
    }

    assertThat(currentSpanOnPoolThread()).isSameAs(poolOwn);
    assertThat(seen).containsExactly(first, second);
  }

  @Test
  void wrappedExecutorServiceCarriesTheSpanThroughEverySubmitMethod() throws Exception {
    Span poolOwn = leaveSpanCurrentOnPoolThread();
    ExecutorService service = TraceKit.wrap(pool);
    AtomicReference<Span> fromRunnable = new AtomicReference<>();
    AtomicReference<Span> fromRunnableWithResult = new AtomicReference<>();

    try (Span span = tracer.startSpan("submitter")) {
      assertThat(service.submit(TraceKit::currentSpan).get(10, TimeUnit.SECONDS)).isSameAs(span);
      service.submit(() -> fromRunnable.set(TraceKit.currentSpan())).get(10, TimeUnit.SECONDS);
      assertThat(
              service
                  .submit(() -> fromRunnableWithResult.set(TraceKit.currentSpan()), "done")
                  .get(10, TimeUnit.SECONDS))
          .isEqualTo("done");
      assertThat(fromRunnable.get()).isSameAs(span);
      assertThat(fromRunnableWithResult.get()).isSameAs(span);
    }
    assertThat(currentSpanOnPoolThread()).isSameAs(poolOwn);
  }

  @Test
  void wrappedExecutorServiceCarriesTheSpanThroughInvokeAllAndInvokeAny() throws Exception {
    Span poolOwn = leaveSpanCurrentOnPoolThread();
    ExecutorService service = TraceKit.wrap(pool);
    List<Callable<Span>> tasks =
        Arrays.<Callable<Span>>asList(TraceKit::currentSpan, TraceKit::currentSpan);

    try (Span span = tracer.startSpan("submitter")) {
      for (Future<Span> future : service.invokeAll(tasks)) {
        assertThat(future.get(10, TimeUnit.SECONDS)).isSameAs(span);
      }
      for (Future<Span> future : service.invokeAll(tasks, 10, TimeUnit.SECONDS)) {
        assertThat(future.get(10, TimeUnit.SECONDS)).isSameAs(span);
      }
      assertThat(service.invokeAny(tasks)).isSameAs(span);
      assertThat(service.invokeAny(tasks, 10, TimeUnit.SECONDS)).isSameAs(span);
    }
    assertThat(currentSpanOnPoolThread()).isSameAs(poolOwn);
  }

  @Test
  void wrappedExecutorServiceDelegatesItsLifecycle() throws Exception {
    ExecutorService service = TraceKit.wrap(pool);

    assertThat(service.isShutdown()).isFalse();
    service.shutdown();

    assertThat(pool.isShutdown()).isTrue();
    assertThat(service.isShutdown()).isTrue();
    assertThat(service.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(service.isTerminated()).isTrue();
  }

  // --- helpers ---

  /**
   * Leaves a span current on the pool thread, as a task that forgot to close its span would, so
   * that tests can check wrapped tasks put it back.
   */
  private Span leaveSpanCurrentOnPoolThread() throws Exception {
    Span own = tracer.spanBuilder("pool-thread-own").startDetached();
    pool.submit(() -> own.makeCurrent()).get(10, TimeUnit.SECONDS);
    assertThat(currentSpanOnPoolThread()).isSameAs(own);
    return own;
  }

  private Span currentSpanOnPoolThread() throws Exception {
    return pool.submit(TraceKit::currentSpan).get(10, TimeUnit.SECONDS);
  }

}

package dev.tracekit.compat.core;

import dev.tracekit.compat.core.api.Scope;
import dev.tracekit.compat.core.api.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tasks and executors that carry a span to the thread that runs them. A wrapped task makes the span
 * that was current when it was wrapped current while it runs; a wrapped executor wraps each task when
 * it is submitted.
 */
final class ContextWrappers {
  private ContextWrappers() {}

  static Runnable wrap(Runnable task, Span span) {
    if (task instanceof ContextRunnable) {
      return task;
    }
    return new ContextRunnable(task, span);
  }

  static <T> Callable<T> wrap(Callable<T> task, Span span) {
    if (task instanceof ContextCallable) {
      return task;
    }
    return new ContextCallable<>(task, span);
  }

  static Executor wrap(Executor executor) {
    if (executor instanceof ContextExecutor) {
      return executor;
    }
    return new ContextExecutor(executor);
  }

  static ExecutorService wrap(ExecutorService executor) {
    if (executor instanceof ContextExecutorService) {
      return executor;
    }
    return new ContextExecutorService(executor);
  }

  private static final class ContextRunnable implements Runnable {
    private final Runnable task;
    private final Span span;

    ContextRunnable(Runnable task, Span span) {
      this.task = task;
      this.span = span;
    }

    @Override
    public void run() {
      try (Scope ignored = span.makeCurrent()) {
        task.run();
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }

  private static final class ContextCallable<T> implements Callable<T> {
    private final Callable<T> task;
    private final Span span;

    ContextCallable(Callable<T> task, Span span) {
      this.task = task;
      this.span = span;
    }

    @Override
    public T call() throws Exception {
      try (Scope ignored = span.makeCurrent()) {
        return task.call();
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }

  private static class ContextExecutor implements Executor {
    private final Executor delegate;

    ContextExecutor(Executor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
      delegate.execute(wrap(command, TraceKit.currentSpan()));
    }
  }

  private static final class ContextExecutorService extends ContextExecutor
      implements ExecutorService {
    private final ExecutorService delegate;

    ContextExecutorService(ExecutorService delegate) {
      super(delegate);
      this.delegate = delegate;
    }

    private static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
      Span span = TraceKit.currentSpan();
      List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
      for (Callable<T> task : tasks) {
        wrapped.add(wrap(task, span));
      }
      return wrapped;
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      return delegate.submit(wrap(task, TraceKit.currentSpan()));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
      return delegate.submit(wrap(task, TraceKit.currentSpan()), result);
    }

    @Override
    public Future<?> submit(Runnable task) {
      return delegate.submit(wrap(task, TraceKit.currentSpan()));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(
        Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException {
      return delegate.invokeAll(wrapAll(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException {
      return delegate.invokeAny(wrapAll(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return delegate.invokeAny(wrapAll(tasks), timeout, unit);
    }
  }
}

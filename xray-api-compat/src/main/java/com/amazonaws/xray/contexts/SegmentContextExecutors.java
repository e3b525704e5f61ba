package com.amazonaws.xray.contexts;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Segment;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.concurrent.Executor;
import javax.annotation.Nullable;

/**
 * Executors that run each task with a given segment as the current entity, for async hand-off (for
 * example {@code future.thenApplyAsync(fn, SegmentContextExecutors.newSegmentContextExecutor())}).
 * As in the X-Ray SDK, a task runs on the thread that calls {@code execute}; the entity (and
 * TraceKit's current span) that was current there before is restored afterwards, even when the task
 * throws. With a null segment, tasks run with the context unchanged.
 *
 * <pre>{@code
 * Executor withSegment = SegmentContextExecutors.newSegmentContextExecutor();
 * CompletableFuture.supplyAsync(this::load, pool).thenAcceptAsync(this::store, withSegment);
 * }</pre>
 */
public final class SegmentContextExecutors {
  private SegmentContextExecutors() {}

  /** Returns an executor for the global recorder's segment current now (none: context unchanged). */
  public static Executor newSegmentContextExecutor() {
    return newSegmentContextExecutor(AWSXRay.getCurrentSegmentOptional().orElse(null));
  }

  /** Returns an executor that runs tasks with {@code segment} current in the global recorder. */
  public static Executor newSegmentContextExecutor(@Nullable Segment segment) {
    return newSegmentContextExecutor(AWSXRay.getGlobalRecorder(), segment);
  }

  /** Returns an executor that runs tasks with {@code segment} current in {@code recorder}. */
  public static Executor newSegmentContextExecutor(
      AWSXRayRecorder recorder, @Nullable Segment segment) {
    return command -> {
      if (segment == null || recorder == null) {
        command.run();
        return;
      }
      Span before = Span.current();
      try {
        segment.run(command, recorder);
      } finally {
        // setTraceEntity(previous) made TraceKit follow X-Ray; put back a TraceKit-only span too.
        before.makeCurrent();
      }
    };
  }
}

package com.amazonaws.xray.strategy;

import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.ThrowableDescription;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Describes a throwable and its cause chain, one description each, linked by {@code cause} ids;
 * stacks are cut to {@link #getMaxStackTraceLength()} frames (default 50) and the cut is counted in
 * {@code truncated}. An exception already recorded in a direct child subsegment is referred to by
 * id, not repeated (deeper descendants are not searched, as in the X-Ray SDK). Exceptions of the
 * given remote classes are marked {@code remote}; by default, as in the X-Ray SDK, that is only
 * {@link UncheckedIOException}. AWS service exceptions are not marked here: the X-Ray AWS SDK v2
 * interceptor marks them itself, the v1 handler does not.
 */
public class DefaultThrowableSerializationStrategy implements ThrowableSerializationStrategy {
  private static final int DEFAULT_MAX_STACK_TRACE_LENGTH = 50;
  private static final Set<Class<? extends Throwable>> DEFAULT_REMOTE_EXCEPTION_CLASSES =
      Collections.<Class<? extends Throwable>>singleton(UncheckedIOException.class);

  private final int maxStackTraceLength;
  private final Set<Class<? extends Throwable>> remoteExceptionClasses;

  /** Keeps 50 frames per stack. */
  public DefaultThrowableSerializationStrategy() {
    this(DEFAULT_MAX_STACK_TRACE_LENGTH);
  }

  /** Keeps {@code maxStackTraceLength} frames per stack. */
  public DefaultThrowableSerializationStrategy(int maxStackTraceLength) {
    this(maxStackTraceLength, DEFAULT_REMOTE_EXCEPTION_CLASSES);
  }

  /**
   * Keeps {@code maxStackTraceLength} frames per stack and marks instances of {@code
   * remoteExceptionClasses} as remote.
   */
  public DefaultThrowableSerializationStrategy(
      int maxStackTraceLength, Set<Class<? extends Throwable>> remoteExceptionClasses) {
    this.maxStackTraceLength = Math.max(0, maxStackTraceLength);
    this.remoteExceptionClasses =
        remoteExceptionClasses == null
            ? Collections.<Class<? extends Throwable>>emptySet()
            : remoteExceptionClasses;
  }

  public int getMaxStackTraceLength() {
    return maxStackTraceLength;
  }

  @Override
  public List<ThrowableDescription> describeInContext(
      Throwable throwable, List<Subsegment> subsegments) {
    return describeInContext(null, throwable, subsegments);
  }

  @Override
  public List<ThrowableDescription> describeInContext(
      @Nullable Entity entity, Throwable throwable, List<Subsegment> subsegments) {
    List<ThrowableDescription> result = new ArrayList<>();
    if (throwable == null) {
      return result;
    }
    String recorded = findRecordedId(throwable, subsegments);
    if (recorded != null) {
      // Already recorded by a child: point to that record instead of repeating it.
      ThrowableDescription reference = new ThrowableDescription(throwable);
      reference.setCause(recorded);
      result.add(reference);
      return result;
    }
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    ThrowableDescription previous = null;
    for (Throwable current = throwable; current != null && !seen.containsKey(current);
        current = current.getCause()) {
      seen.put(current, Boolean.TRUE);
      String recordedCause = previous == null ? null : findRecordedId(current, subsegments);
      if (recordedCause != null) {
        previous.setCause(recordedCause);
        break;
      }
      ThrowableDescription description = describe(current);
      if (previous != null) {
        previous.setCause(description.getId());
      }
      result.add(description);
      previous = description;
    }
    return result;
  }

  private ThrowableDescription describe(Throwable throwable) {
    ThrowableDescription description = new ThrowableDescription(throwable);
    description.setId(Entity.generateId());
    description.setMessage(throwable.getMessage());
    description.setType(throwable.getClass().getName());
    description.setRemote(isRemote(throwable));
    StackTraceElement[] stack = throwable.getStackTrace();
    if (stack.length > maxStackTraceLength) {
      description.setStack(Arrays.copyOf(stack, maxStackTraceLength));
      description.setTruncated(stack.length - maxStackTraceLength);
    } else {
      description.setStack(stack);
    }
    return description;
  }

  private boolean isRemote(Throwable throwable) {
    for (Class<? extends Throwable> remote : remoteExceptionClasses) {
      if (remote.isInstance(throwable)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the id under which one of {@code subsegments} recorded {@code throwable}, or null. */
  @Nullable
  private static String findRecordedId(Throwable throwable, List<Subsegment> subsegments) {
    if (subsegments == null) {
      return null;
    }
    for (Subsegment subsegment : subsegments) {
      for (ThrowableDescription description : subsegment.getCause().getExceptions()) {
        if (description.getThrowable() == throwable) {
          return description.getId() != null ? description.getId() : description.getCause();
        }
      }
    }
    return null;
  }
}

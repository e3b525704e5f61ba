package com.amazonaws.xray;

import com.amazonaws.xray.entities.Entity;
import java.security.SecureRandom;
import javax.annotation.Nullable;

/**
 * The current entity of each thread. Prefer {@code AWSXRay.getTraceEntity()} and {@code
 * setTraceEntity}, which also keep TraceKit's current span in step.
 */
@Deprecated
public class ThreadLocalStorage {
  private static final ThreadLocal<Entity> CURRENT = new ThreadLocal<>();
  private static final SecureRandom RANDOM = new SecureRandom();

  @Nullable
  public static Entity get() {
    return CURRENT.get();
  }

  public static boolean any() {
    return CURRENT.get() != null;
  }

  public static void set(@Nullable Entity entity) {
    CURRENT.set(entity);
  }

  /** Clears this thread's entity. */
  public static void clear() {
    // Not remove(): the thread's entry is kept for its next entity, instead of made again.
    CURRENT.set(null);
  }

  /**
   * Returns a shared secure random source.
   *
   * @deprecated ids come from a thread-local random source
   */
  @Deprecated
  public static SecureRandom getRandom() {
    return RANDOM;
  }
}

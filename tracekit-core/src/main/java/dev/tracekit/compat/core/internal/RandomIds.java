package dev.tracekit.compat.core.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Random 64-bit ids, never zero (zero means "no id" in both OTLP and X-Ray). Not API. */
public final class RandomIds {
  private RandomIds() {}

  /** Returns a random long other than zero. */
  public static long nonZeroLong() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return id;
  }
}

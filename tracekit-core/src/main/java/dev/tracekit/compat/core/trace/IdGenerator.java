package dev.tracekit.compat.core.trace;

import dev.tracekit.compat.core.internal.RandomIds;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates ids. Trace ids put the epoch seconds in their first 4 bytes and random bits in the other
 * 12 (the AWS layout, so each trace id has an {@code 1-xxxxxxxx-…} form); span ids are 8 random
 * non-zero bytes.
 */
final class IdGenerator {
  private IdGenerator() {}

  /** Returns the high 8 bytes of a new trace id: 4 bytes of epoch seconds, 4 random bytes. */
  static long newTraceIdHigh(long epochSeconds) {
    int random = ThreadLocalRandom.current().nextInt();
    return (epochSeconds << 32) | (random & 0xFFFFFFFFL);
  }

  /** Returns the low 8 bytes of a new trace id: all random, never zero. */
  static long newTraceIdLow() {
    return RandomIds.nonZeroLong();
  }

  /** Returns a new span id: random, never zero. */
  static long newSpanId() {
    return RandomIds.nonZeroLong();
  }
}

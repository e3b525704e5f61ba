package com.amazonaws.xray.entities;

import dev.tracekit.compat.core.internal.Hex;
import java.util.concurrent.ThreadLocalRandom;
import javax.annotation.Nullable;

/** Entity ids as numbers: new random ones, and the number an id string stands for. */
final class EntityIds {
  private EntityIds() {}

  /** Returns a new random id: never zero. */
  static long newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return id;
  }

  /** Returns the number of a 16-hex-digit id (either case), or 0 for anything else. */
  static long parse(@Nullable String id) {
    return id != null && Hex.isHex(id, 16) ? Hex.toLong(id, 0) : 0;
  }
}

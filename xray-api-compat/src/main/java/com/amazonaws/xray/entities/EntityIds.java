package com.amazonaws.xray.entities;

import java.util.concurrent.ThreadLocalRandom;

/** New random entity ids, as numbers. */
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
}

package com.amazonaws.xray.contexts;

import com.amazonaws.xray.ThreadLocalStorage;
import com.amazonaws.xray.entities.Entity;

/** Sets or clears the thread-local entity without the listener calls of {@code setTraceEntity}. */
final class ThreadLocalStorageAccess {
  private ThreadLocalStorageAccess() {}

  static void set(Entity entity) {
    if (entity == null) {
      ThreadLocalStorage.clear();
    } else {
      ThreadLocalStorage.set(entity);
    }
  }
}

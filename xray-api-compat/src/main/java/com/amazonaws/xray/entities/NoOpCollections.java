package com.amazonaws.xray.entities;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Empty collections whose writes are silently ignored, for no-op entities: code that writes into
 * {@code getAnnotations()} of an unsampled segment must not fail.
 */
final class NoOpCollections {
  private static final NoOpMap MAP = new NoOpMap();
  private static final NoOpList LIST = new NoOpList();
  private static final NoOpSet SET = new NoOpSet();
  private static final NoOpLock LOCK = new NoOpLock();

  private NoOpCollections() {}

  @SuppressWarnings("unchecked")
  static <K, V> java.util.Map<K, V> map() {
    return (java.util.Map<K, V>) (java.util.Map<?, ?>) MAP;
  }

  @SuppressWarnings("unchecked")
  static <T> java.util.List<T> list() {
    return (java.util.List<T>) (java.util.List<?>) LIST;
  }

  @SuppressWarnings("unchecked")
  static <T> Set<T> set() {
    return (Set<T>) (Set<?>) SET;
  }

  /**
   * A lock whose locking and unlocking do nothing, as the X-Ray SDK's no-op entities return: no-op
   * entities never block each other, and {@code getSubsegmentsLock().unlock()} after {@code
   * getSubsegmentsLock().lock()} does not throw.
   */
  static ReentrantLock lock() {
    return LOCK;
  }

  private static final class NoOpMap extends AbstractMap<Object, Object> {
    @Override
    public Set<Entry<Object, Object>> entrySet() {
      return Collections.emptySet();
    }

    @Override
    public Object put(Object key, Object value) {
      return null;
    }
  }

  private static final class NoOpList extends AbstractList<Object> {
    @Override
    public Object get(int index) {
      throw new IndexOutOfBoundsException("Index: " + index + ", Size: 0");
    }

    @Override
    public int size() {
      return 0;
    }

    @Override
    public void add(int index, Object element) {}
  }

  private static final class NoOpLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    @Override
    public void lock() {}

    @Override
    public void lockInterruptibly() {}

    @Override
    public boolean tryLock() {
      return true;
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) {
      return true;
    }

    @Override
    public void unlock() {}
  }

  private static final class NoOpSet extends AbstractSet<Object> {
    @Override
    public java.util.Iterator<Object> iterator() {
      return Collections.emptyIterator();
    }

    @Override
    public int size() {
      return 0;
    }

    @Override
    public boolean add(Object o) {
      return false;
    }
  }
}

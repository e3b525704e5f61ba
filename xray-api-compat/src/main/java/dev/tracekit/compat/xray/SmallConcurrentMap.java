package dev.tracekit.compat.xray;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * A thread-safe map for the few annotations or metadata values an X-Ray entity usually holds, at a
 * fraction of a {@link ConcurrentHashMap}'s footprint: up to {@value #MAX_SMALL_SIZE} entries it
 * keeps one immutable array of keys and values, replaced on each change by compare-and-set (copy on
 * write, no lock); beyond that it moves its entries to a {@link ConcurrentHashMap} and delegates to
 * it. Like a {@code
 * ConcurrentHashMap}: null keys and values are rejected with {@link NullPointerException}, reads
 * never block, iterators are weakly consistent (they never throw {@link
 * java.util.ConcurrentModificationException}), and {@code Entry.setValue} writes through. Small
 * maps iterate in insertion order.
 */
final class SmallConcurrentMap<V> extends AbstractMap<String, V> implements ConcurrentMap<String, V> {
  static final int MAX_SMALL_SIZE = 8;
  private static final Object[] EMPTY = new Object[0];
  private static final int PUT = 0;
  private static final int PUT_IF_ABSENT = 1;
  private static final int REPLACE = 2;
  private static final int REMOVE = 3;
  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<SmallConcurrentMap, Object[]> ENTRIES =
      AtomicReferenceFieldUpdater.newUpdater(SmallConcurrentMap.class, Object[].class, "entries");

  // Keys at even indexes, values at odd ones; never changed once published. An odd length (one
  // extra element) marks an array being moved to the large map.
  private volatile Object[] entries = EMPTY;
  // Set once the map outgrew the array; every operation then goes to it.
  @Nullable private volatile ConcurrentHashMap<String, V> large;
  @Nullable private transient Set<Entry<String, V>> entrySet;

  /** An empty map. */
  SmallConcurrentMap() {}

  /**
   * A map holding {@code entries} (keys at even indexes, none null, at most {@value
   * #MAX_SMALL_SIZE} pairs), which it shares: the array must never change.
   */
  private SmallConcurrentMap(Object[] entries) {
    this.entries = entries;
  }

  /**
   * Returns a new map with the non-null entries of {@code map}. A copy of another small map shares
   * its array, which neither changes (each change makes a new array): no copy is made.
   */
  static SmallConcurrentMap<Object> copyOf(Map<String, Object> map) {
    Object[] kv = entriesOf(map);
    boolean clean = kv.length / 2 <= MAX_SMALL_SIZE;
    for (int i = 0; clean && i < kv.length; i++) {
      clean = kv[i] != null;
    }
    if (clean) {
      return new SmallConcurrentMap<>(kv);
    }
    SmallConcurrentMap<Object> copy = new SmallConcurrentMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i] != null && kv[i + 1] != null) {
        copy.put((String) kv[i], kv[i + 1]);
      }
    }
    return copy;
  }

  @Override
  public int size() {
    ConcurrentHashMap<String, V> map = large;
    return map != null ? map.size() : entries.length / 2;
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  @Nullable
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    Objects.requireNonNull(key);
    ConcurrentHashMap<String, V> map = large;
    if (map != null) {
      return map.get(key);
    }
    Object[] kv = entries;
    int index = indexOf(kv, key);
    return index < 0 ? null : (V) kv[index + 1];
  }

  @Override
  @Nullable
  public V put(String key, V value) {
    return update(key, Objects.requireNonNull(value), null, PUT);
  }

  @Override
  @Nullable
  public V putIfAbsent(String key, V value) {
    return update(key, Objects.requireNonNull(value), null, PUT_IF_ABSENT);
  }

  @Override
  @Nullable
  public V replace(String key, V value) {
    return update(key, Objects.requireNonNull(value), null, REPLACE);
  }

  @Override
  public boolean replace(String key, V oldValue, V newValue) {
    Objects.requireNonNull(oldValue);
    return update(key, Objects.requireNonNull(newValue), oldValue, REPLACE) != null;
  }

  @Override
  @Nullable
  public V remove(Object key) {
    return update(key, null, null, REMOVE);
  }

  @Override
  public boolean remove(Object key, Object value) {
    Objects.requireNonNull(value);
    return update(key, null, value, REMOVE) != null;
  }

  @Override
  public void clear() {
    for (;;) {
      ConcurrentHashMap<String, V> map = large;
      if (map != null) {
        map.clear();
        return;
      }
      Object[] kv = entries;
      if (isFrozen(kv)) {
        Thread.yield();
      } else if (ENTRIES.compareAndSet(this, kv, EMPTY)) {
        return;
      }
    }
  }

  /**
   * Makes one change, lock-free: a new array replaces the old one by compare-and-set, retried when
   * another change came first. {@code expected} (when not null) must be the current value for a
   * REPLACE or REMOVE. Returns the previous value (null when there was none or nothing changed).
   */
  @Nullable
  @SuppressWarnings("unchecked")
  private V update(Object key, @Nullable V value, @Nullable Object expected, int mode) {
    Objects.requireNonNull(key);
    for (;;) {
      ConcurrentHashMap<String, V> map = large;
      if (map != null) {
        return updateLarge(map, (String) key, value, expected, mode);
      }
      Object[] kv = entries;
      if (isFrozen(kv)) {
        // Another thread is moving the entries to the large map: it takes a moment.
        Thread.yield();
        continue;
      }
      int index = indexOf(kv, key);
      V current = index < 0 ? null : (V) kv[index + 1];
      if (mode != PUT && mode != PUT_IF_ABSENT && (current == null || (expected != null && !current.equals(expected)))) {
        return null;
      }
      Object[] next;
      if (mode == REMOVE) {
        next = kv.length == 2 ? EMPTY : new Object[kv.length - 2];
        System.arraycopy(kv, 0, next, 0, index);
        System.arraycopy(kv, index + 2, next, index, kv.length - index - 2);
      } else if (current != null) {
        if (mode == PUT_IF_ABSENT) {
          return current;
        }
        next = kv.clone();
        next[index + 1] = value;
      } else if (kv.length / 2 < MAX_SMALL_SIZE) {
        next = new Object[kv.length + 2];
        System.arraycopy(kv, 0, next, 0, kv.length);
        next[kv.length] = key;
        next[kv.length + 1] = value;
      } else {
        if (moveToLarge(kv, (String) key, value)) {
          return null;
        }
        continue;
      }
      if (ENTRIES.compareAndSet(this, kv, next)) {
        return current;
      }
    }
  }

  /**
   * Moves a full array to a new large map, with one more entry: first freezes the array (an odd
   * length, so changes wait while readers still read every entry), then publishes the map. Returns
   * false when another change came first.
   */
  @SuppressWarnings("unchecked")
  private boolean moveToLarge(Object[] kv, String key, @Nullable V value) {
    Object[] frozen = Arrays.copyOf(kv, kv.length + 1);
    if (!ENTRIES.compareAndSet(this, kv, frozen)) {
      return false;
    }
    ConcurrentHashMap<String, V> map = new ConcurrentHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      map.put((String) kv[i], (V) kv[i + 1]);
    }
    map.put(key, value);
    large = map;
    return true;
  }

  @Nullable
  @SuppressWarnings("unchecked")
  private static <V> V updateLarge(
      ConcurrentHashMap<String, V> map, String key, @Nullable V value, @Nullable Object expected, int mode) {
    switch (mode) {
      case PUT:
        return map.put(key, value);
      case PUT_IF_ABSENT:
        return map.putIfAbsent(key, value);
      case REPLACE:
        if (expected == null) {
          return map.replace(key, value);
        }
        return map.replace(key, (V) expected, value) ? (V) expected : null;
      default:
        if (expected == null) {
          return map.remove(key);
        }
        return map.remove(key, expected) ? (V) expected : null;
    }
  }

  private static boolean isFrozen(Object[] kv) {
    return (kv.length & 1) != 0;
  }

  /** Returns the index of {@code key} in {@code kv} (frozen or not), or -1. */
  private static int indexOf(Object[] kv, Object key) {
    for (int i = 0; i + 1 < kv.length; i += 2) {
      Object k = kv[i];
      if (k == key || k.equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns the keys and values of {@code map} (keys at even indexes) as one array, which must not
   * be changed: a small map's own array, a copy of any other map's entries.
   */
  static Object[] entriesOf(Map<String, ?> map) {
    if (map instanceof SmallConcurrentMap) {
      SmallConcurrentMap<?> small = (SmallConcurrentMap<?>) map;
      Object[] kv = small.entries;
      if (small.large == null) {
        return isFrozen(kv) ? Arrays.copyOf(kv, kv.length - 1) : kv;
      }
    }
    List<Object> copy = new ArrayList<>(map.size() * 2);
    for (Map.Entry<String, ?> e : map.entrySet()) {
      copy.add(e.getKey());
      copy.add(e.getValue());
    }
    return copy.toArray();
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super V> action) {
    Objects.requireNonNull(action);
    ConcurrentHashMap<String, V> map = large;
    if (map != null) {
      map.forEach(action);
      return;
    }
    Object[] kv = entries;
    for (int i = 0; i + 1 < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      V value = (V) kv[i + 1];
      action.accept((String) kv[i], value);
    }
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    Set<Entry<String, V>> set = entrySet;
    if (set == null) {
      set = new EntrySet();
      entrySet = set;
    }
    return set;
  }

  /** The entries, read from the array (or the large map) as it was when iteration began. */
  private final class EntrySet extends AbstractSet<Entry<String, V>> {
    @Override
    public Iterator<Entry<String, V>> iterator() {
      ConcurrentHashMap<String, V> map = large;
      if (map != null) {
        return map.entrySet().iterator();
      }
      return new SmallIterator(entries);
    }

    @Override
    public int size() {
      return SmallConcurrentMap.this.size();
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof Map.Entry)) {
        return false;
      }
      Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
      Object key = e.getKey();
      Object value = e.getValue();
      if (key == null || value == null) {
        return false;
      }
      V current = get(key);
      return current != null && current.equals(value);
    }

    @Override
    public boolean remove(Object o) {
      if (!(o instanceof Map.Entry)) {
        return false;
      }
      Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
      Object key = e.getKey();
      Object value = e.getValue();
      return key != null && value != null && SmallConcurrentMap.this.remove(key, value);
    }

    @Override
    public void clear() {
      SmallConcurrentMap.this.clear();
    }
  }

  private final class SmallIterator implements Iterator<Entry<String, V>> {
    private final Object[] kv;
    private int next;
    @Nullable private String last;

    SmallIterator(Object[] kv) {
      this.kv = kv;
    }

    @Override
    public boolean hasNext() {
      return next + 1 < kv.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Entry<String, V> next() {
      if (next + 1 >= kv.length) {
        throw new NoSuchElementException();
      }
      String key = (String) kv[next];
      V value = (V) kv[next + 1];
      next += 2;
      last = key;
      return new WriteThroughEntry(key, value);
    }

    @Override
    public void remove() {
      if (last == null) {
        throw new IllegalStateException();
      }
      SmallConcurrentMap.this.remove(last);
      last = null;
    }
  }

  /** An entry whose {@code setValue} also puts the value in the map, as a ConcurrentHashMap's does. */
  private final class WriteThroughEntry extends SimpleEntry<String, V> {
    private static final long serialVersionUID = 1L;

    WriteThroughEntry(String key, V value) {
      super(key, value);
    }

    @Override
    public V setValue(V value) {
      Objects.requireNonNull(value);
      V previous = super.setValue(value);
      SmallConcurrentMap.this.put(getKey(), value);
      return previous;
    }
  }
}

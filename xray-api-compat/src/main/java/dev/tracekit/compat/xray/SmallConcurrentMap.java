package dev.tracekit.compat.xray;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * A thread-safe map for the few annotations or metadata values an X-Ray entity usually holds, at a
 * fraction of a {@link ConcurrentHashMap}'s footprint: up to {@value #MAX_SMALL_SIZE} entries it
 * keeps one immutable array of keys and values, replaced on each change (copy on write); beyond
 * that it moves its entries to a {@link ConcurrentHashMap} and delegates to it. Like a {@code
 * ConcurrentHashMap}: null keys and values are rejected with {@link NullPointerException}, reads
 * never block, iterators are weakly consistent (they never throw {@link
 * java.util.ConcurrentModificationException}), and {@code Entry.setValue} writes through. Small
 * maps iterate in insertion order.
 */
final class SmallConcurrentMap<V> extends AbstractMap<String, V> implements ConcurrentMap<String, V> {
  static final int MAX_SMALL_SIZE = 8;
  private static final Object[] EMPTY = new Object[0];

  // Keys at even indexes, values at odd ones. Never changed once published.
  private volatile Object[] entries = EMPTY;
  // Set once the map outgrew the array; every operation then goes to it.
  @Nullable private volatile ConcurrentHashMap<String, V> large;
  @Nullable private transient Set<Entry<String, V>> entrySet;

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
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i].equals(key)) {
        return (V) kv[i + 1];
      }
    }
    return null;
  }

  @Override
  @Nullable
  public V put(String key, V value) {
    return write(key, value, false);
  }

  @Override
  @Nullable
  public V putIfAbsent(String key, V value) {
    return write(key, value, true);
  }

  @Nullable
  @SuppressWarnings("unchecked")
  private synchronized V write(String key, V value, boolean onlyIfAbsent) {
    Objects.requireNonNull(key);
    Objects.requireNonNull(value);
    ConcurrentHashMap<String, V> map = large;
    if (map != null) {
      return onlyIfAbsent ? map.putIfAbsent(key, value) : map.put(key, value);
    }
    Object[] kv = entries;
    int index = indexOf(kv, key);
    if (index >= 0) {
      V previous = (V) kv[index + 1];
      if (!onlyIfAbsent) {
        Object[] copy = kv.clone();
        copy[index + 1] = value;
        entries = copy;
      }
      return previous;
    }
    if (kv.length / 2 >= MAX_SMALL_SIZE) {
      map = new ConcurrentHashMap<>();
      for (int i = 0; i < kv.length; i += 2) {
        map.put((String) kv[i], (V) kv[i + 1]);
      }
      map.put(key, value);
      // The array stays: a reader that saw no large map yet still reads every entry from it.
      large = map;
      return null;
    }
    Object[] grown = new Object[kv.length + 2];
    System.arraycopy(kv, 0, grown, 0, kv.length);
    grown[kv.length] = key;
    grown[kv.length + 1] = value;
    entries = grown;
    return null;
  }

  @Override
  @Nullable
  public V remove(Object key) {
    return removeIf(key, null);
  }

  @Override
  public boolean remove(Object key, Object value) {
    Objects.requireNonNull(value);
    return removeIf(key, value) != null;
  }

  /** Removes {@code key} when it maps to {@code expected} (any value when null); returns its value. */
  @Nullable
  @SuppressWarnings("unchecked")
  private synchronized V removeIf(Object key, @Nullable Object expected) {
    Objects.requireNonNull(key);
    ConcurrentHashMap<String, V> map = large;
    if (map != null) {
      if (expected == null) {
        return map.remove(key);
      }
      return map.remove(key, expected) ? (V) expected : null;
    }
    Object[] kv = entries;
    int index = indexOf(kv, key);
    if (index < 0 || (expected != null && !kv[index + 1].equals(expected))) {
      return null;
    }
    Object[] shrunk = new Object[kv.length - 2];
    System.arraycopy(kv, 0, shrunk, 0, index);
    System.arraycopy(kv, index + 2, shrunk, index, kv.length - index - 2);
    entries = shrunk.length == 0 ? EMPTY : shrunk;
    return (V) kv[index + 1];
  }

  @Override
  public boolean replace(String key, V oldValue, V newValue) {
    Objects.requireNonNull(oldValue);
    Objects.requireNonNull(newValue);
    synchronized (this) {
      V current = get(key);
      if (current == null || !current.equals(oldValue)) {
        return false;
      }
      write(key, newValue, false);
      return true;
    }
  }

  @Override
  @Nullable
  public V replace(String key, V value) {
    Objects.requireNonNull(value);
    synchronized (this) {
      return get(key) == null ? null : write(key, value, false);
    }
  }

  @Override
  public synchronized void clear() {
    ConcurrentHashMap<String, V> map = large;
    if (map != null) {
      map.clear();
    } else {
      entries = EMPTY;
    }
  }

  private static int indexOf(Object[] kv, Object key) {
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i].equals(key)) {
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
      if (small.large == null) {
        return small.entries;
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
    for (int i = 0; i < kv.length; i += 2) {
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
      return next < kv.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Entry<String, V> next() {
      if (next >= kv.length) {
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

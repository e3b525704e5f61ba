package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SmallConcurrentMapTest {

  @Test
  void randomOperationsLeaveWhatAConcurrentHashMapLeaves() {
    Random random = new Random(7);
    for (int run = 0; run < 200; run++) {
      SmallConcurrentMap<Object> small = new SmallConcurrentMap<>();
      ConcurrentHashMap<String, Object> reference = new ConcurrentHashMap<>();
      for (int step = 0; step < 60; step++) {
        // Up to 14 keys: the map moves past its array size and back down.
        String key = "k" + random.nextInt(14);
        Integer value = random.nextInt(3);
        switch (random.nextInt(8)) {
          case 0:
          case 1:
            assertThat(small.put(key, value)).isEqualTo(reference.put(key, value));
            break;
          case 2:
            assertThat(small.putIfAbsent(key, value)).isEqualTo(reference.putIfAbsent(key, value));
            break;
          case 3:
            assertThat(small.remove(key)).isEqualTo(reference.remove(key));
            break;
          case 4:
            assertThat(small.remove(key, value)).isEqualTo(reference.remove(key, value));
            break;
          case 5:
            assertThat(small.replace(key, value)).isEqualTo(reference.replace(key, value));
            break;
          case 6:
            assertThat(small.replace(key, value, 9)).isEqualTo(reference.replace(key, value, 9));
            break;
          default:
            assertThat(small.computeIfAbsent(key, k -> 5)).isEqualTo(reference.computeIfAbsent(key, k -> 5));
        }
        assertThat(small).isEqualTo(reference);
        assertThat(small.size()).isEqualTo(reference.size());
        assertThat(small.hashCode()).isEqualTo(reference.hashCode());
        assertThat(small.get(key)).isEqualTo(reference.get(key));
        assertThat(small.containsKey(key)).isEqualTo(reference.containsKey(key));
      }
      small.clear();
      assertThat(small).isEmpty();
    }
  }

  @Test
  void nullKeysAndValuesAreRejectedAsByAConcurrentHashMap() {
    SmallConcurrentMap<Object> map = new SmallConcurrentMap<>();
    assertThatThrownBy(() -> map.put(null, "v")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.put("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.get(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.containsKey(null)).isInstanceOf(NullPointerException.class);
    assertThat(map).isEmpty();
  }

  @Test
  void viewsRemoveAndEntriesWriteThrough() {
    for (int size : new int[] {3, SmallConcurrentMap.MAX_SMALL_SIZE + 3}) {
      SmallConcurrentMap<Object> map = new SmallConcurrentMap<>();
      for (int i = 0; i < size; i++) {
        map.put("k" + i, i);
      }
      Map<String, Object> reference = new HashMap<>(map);
      Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
      Map.Entry<String, Object> first = it.next();
      first.setValue("changed");
      reference.put(first.getKey(), "changed");
      assertThat(map.get(first.getKey())).isEqualTo("changed");
      String second = it.next().getKey();
      it.remove();
      reference.remove(second);
      assertThat(map.keySet().remove("k2")).isEqualTo(reference.keySet().remove("k2"));
      assertThat(map.values().remove(size - 1)).isEqualTo(reference.values().remove(size - 1));

      assertThat(map).isEqualTo(reference).containsEntry(first.getKey(), "changed");
      assertThat(map.toString()).startsWith("{").endsWith("}");
      Map<String, Object> copy = new HashMap<>(map);
      assertThat(copy).isEqualTo(map);
    }
  }

  @Test
  void smallMapsIterateInInsertionOrderAndACopySharesNothingItChanges() {
    SmallConcurrentMap<Object> map = new SmallConcurrentMap<>();
    map.put("b", 1);
    map.put("a", 2);
    map.put("c", 3);
    Map<String, Object> copy = SmallConcurrentMap.copyOf(map);
    copy.put("d", 4);
    map.remove("a");

    assertThat(new ArrayList<>(map.keySet())).containsExactly("b", "c");
    assertThat(new ArrayList<>(copy.keySet())).containsExactly("b", "a", "c", "d");
  }

  @Test
  void threadsPuttingAcrossTheMoveToTheLargeMapLoseNothing() {
    for (int run = 0; run < 50; run++) {
      SmallConcurrentMap<Object> map = new SmallConcurrentMap<>();
      int threads = 4;
      int perThread = 25;
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread worker =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < perThread; i++) {
                    map.put(id + "-" + i, i);
                    // Readers never miss a key once written.
                    assertThat(map.get(id + "-" + i)).isEqualTo(i);
                  }
                });
        worker.start();
        workers.add(worker);
      }
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            start.countDown();
            for (Thread worker : workers) {
              worker.join();
            }
          });
      assertThat(map).hasSize(threads * perThread);
    }
  }

  @Test
  void entriesOfAnyMapAreKeysAndValuesSideBySide() {
    Map<String, Object> plain = new HashMap<>();
    plain.put("x", 1);
    Object[] entries = SmallConcurrentMap.entriesOf(plain);
    assertThat(entries).containsExactly("x", 1);
    SmallConcurrentMap<Object> small = new SmallConcurrentMap<>();
    small.put("y", 2);
    assertThat(SmallConcurrentMap.entriesOf(small)).containsExactly("y", 2);
  }
}

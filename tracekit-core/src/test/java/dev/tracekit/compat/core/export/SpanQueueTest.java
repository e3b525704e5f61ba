package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpanQueueTest {
  @Test
  void holdsAtMostItsCapacityAndGivesSpansBackInOrder() {
    SpanQueue queue = new SpanQueue(3);
    List<SpanData> spans = spans(4);

    assertThat(queue.offer(spans.get(0))).isTrue();
    assertThat(queue.offer(spans.get(1))).isTrue();
    assertThat(queue.offer(spans.get(2))).isTrue();
    assertThat(queue.offer(spans.get(3))).isFalse();
    assertThat(queue.size()).isEqualTo(3);

    assertThat(queue.poll()).isSameAs(spans.get(0));
    assertThat(queue.offer(spans.get(3))).isTrue();
    List<SpanData> drained = new ArrayList<>();
    assertThat(queue.drainTo(drained, 10)).isEqualTo(3);
    assertThat(drained).containsExactly(spans.get(1), spans.get(2), spans.get(3));
    assertThat(queue.poll()).isNull();
    assertThat(queue.size()).isZero();
  }

  @Test
  void aFullBatchIsTakenWholeOrNotAtAll() {
    SpanQueue queue = new SpanQueue(8);
    List<SpanData> spans = spans(5);
    for (int i = 0; i < 3; i++) {
      queue.offer(spans.get(i));
    }
    List<SpanData> drained = new ArrayList<>();

    assertThat(queue.drainFullBatch(drained, 4)).isZero();
    assertThat(drained).isEmpty();
    assertThat(queue.size()).isEqualTo(3);
    queue.offer(spans.get(3));
    queue.offer(spans.get(4));
    assertThat(queue.drainFullBatch(drained, 4)).isEqualTo(4);
    assertThat(drained).containsExactlyElementsOf(spans.subList(0, 4));
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void consumersTakingTurnsGetEverySpanExactlyOnce() throws Exception {
    SpanQueue queue = new SpanQueue(64);
    List<SpanData> spans = spans(20_000);
    Set<SpanData> taken = Collections.newSetFromMap(new IdentityHashMap<>());
    AtomicInteger takenCount = new AtomicInteger();
    CountDownLatch producerDone = new CountDownLatch(1);
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          List<Thread> consumers = new ArrayList<>();
          for (int c = 0; c < 3; c++) {
            int mode = c;
            Thread consumer =
                new Thread(
                    () -> {
                      List<SpanData> batch = new ArrayList<>();
                      while (producerDone.getCount() > 0 || queue.size() > 0) {
                        int moved =
                            mode == 0
                                ? queue.drainTo(batch, 7)
                                : mode == 1 ? queue.drainFullBatch(batch, 8) : poll(queue, batch);
                        if (moved > 0) {
                          synchronized (taken) {
                            taken.addAll(batch);
                          }
                          takenCount.addAndGet(batch.size());
                          batch.clear();
                        }
                      }
                    });
            consumers.add(consumer);
            consumer.start();
          }
          for (SpanData span : spans) {
            while (!queue.offer(span)) {
              Thread.yield();
            }
          }
          producerDone.countDown();
          for (Thread consumer : consumers) {
            consumer.join();
          }
        });

    assertThat(takenCount.get()).isEqualTo(spans.size());
    assertThat(taken).hasSize(spans.size());
  }

  private static int poll(SpanQueue queue, List<SpanData> batch) {
    SpanData span = queue.poll();
    if (span == null) {
      return 0;
    }
    batch.add(span);
    return 1;
  }

  @Test
  void wrapsAroundACapacityThatIsNotAPowerOfTwo() {
    SpanQueue queue = new SpanQueue(5);
    List<SpanData> spans = spans(5);
    for (int round = 0; round < 100; round++) {
      for (SpanData span : spans) {
        assertThat(queue.offer(span)).isTrue();
      }
      assertThat(queue.offer(spans.get(0))).isFalse();
      List<SpanData> drained = new ArrayList<>();
      assertThat(queue.drainTo(drained, 3)).isEqualTo(3);
      assertThat(queue.drainTo(drained, 3)).isEqualTo(2);
      assertThat(drained).containsExactlyElementsOf(spans);
    }
  }

  @Test
  void aSpanTakenBackIsNeverPolled() {
    SpanQueue queue = new SpanQueue(4);
    List<SpanData> spans = spans(3);
    for (SpanData span : spans) {
      queue.offer(span);
    }

    assertThat(queue.remove(spans.get(1))).isTrue();
    assertThat(queue.remove(spans.get(1))).isFalse();

    List<SpanData> drained = new ArrayList<>();
    queue.drainTo(drained, 10);
    assertThat(drained).containsExactly(spans.get(0), spans.get(2));
    assertThat(queue.remove(spans.get(0))).isFalse();
  }

  @Test
  void everySpanOfManyProducersArrivesOnceOrIsRefused() {
    SpanQueue queue = new SpanQueue(1000);
    int producers = 4;
    int perProducer = 50_000;
    List<SpanData> pool = spans(producers * perProducer);
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(producers);
    for (int t = 0; t < producers; t++) {
      int first = t * perProducer;
      Thread producer =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = first; i < first + perProducer; i++) {
                    if (!queue.offer(pool.get(i))) {
                      refused.incrementAndGet();
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              });
      producer.setDaemon(true);
      producer.start();
    }
    Set<SpanData> received = Collections.newSetFromMap(new IdentityHashMap<>());
    int[] duplicates = {0};
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          start.countDown();
          List<SpanData> batch = new ArrayList<>();
          while (done.getCount() > 0 || queue.size() > 0) {
            batch.clear();
            queue.drainTo(batch, 512);
            for (SpanData span : batch) {
              if (!received.add(span)) {
                duplicates[0]++;
              }
            }
          }
        });

    assertThat(duplicates[0]).isZero();
    assertThat(received.size() + refused.get()).isEqualTo(producers * perProducer);
    assertThat(received).isNotEmpty();
  }

  /** Returns {@code count} ended spans, each with its own id, from a real tracer. */
  private static List<SpanData> spans(int count) {
    CollectingSpanProcessor collected = new CollectingSpanProcessor();
    Tracer tracer = Tracer.builder().setSpanProcessor(collected).build();
    for (int i = 0; i < count; i++) {
      tracer.spanBuilder("s" + i).startDetached().end();
    }
    return collected.spans();
  }

}

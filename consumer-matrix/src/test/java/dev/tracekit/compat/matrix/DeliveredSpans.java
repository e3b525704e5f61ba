package dev.tracekit.compat.matrix;

import dev.tracekit.compat.testing.OtlpCollector;
import dev.tracekit.compat.testing.ReceivedSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/**
 * The spans a consumer app delivered to the matrix's collector: those whose resource {@code
 * service.name} is the consumer's name (each app is started with it as TRACEKIT_SERVICE_NAME).
 * Every name in {@code expect.spans} must arrive, and each {@code expect.children} pair must be a
 * parent and its child: same trace, the child's parent span id the parent's span id. They are
 * written to {@code spans.txt} beside the consumer's logs.
 */
final class DeliveredSpans {
  static final Duration WAIT = Duration.ofSeconds(15);

  private DeliveredSpans() {}

  /** Waits at most {@link #WAIT} for the expected spans, then returns what the app delivered. */
  static List<ReceivedSpan> await(OtlpCollector collector, Consumer consumer) {
    Set<String> expected = new TreeSet<>(consumer.expectedSpans());
    try {
      collector.await(
          "the spans " + expected + " of " + consumer.name,
          all -> names(of(all, consumer)).containsAll(expected),
          WAIT);
    } catch (AssertionError timedOut) {
      // What is missing is reported by verify, for this consumer's spans only.
    }
    return received(collector, consumer);
  }

  /** What the app delivered so far, without waiting: for an app that failed. */
  static List<ReceivedSpan> received(OtlpCollector collector, Consumer consumer) {
    return of(collector.spans(), consumer);
  }

  /** Writes each span (name, kind, ids, parent, attributes) as a line of {@code file}. */
  static void write(Path file, List<ReceivedSpan> spans) throws IOException {
    List<String> lines = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      lines.add(span + " " + span.getAttributes());
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  static void verify(Consumer consumer, List<ReceivedSpan> delivered, SoftAssertions softly) {
    softly
        .assertThat(names(delivered))
        .as("names of the spans %s delivered within %s s", consumer.name, WAIT.getSeconds())
        .containsAll(consumer.expectedSpans());
    for (Consumer.ParentChild pair : consumer.expectedChildren()) {
      boolean found =
          delivered.stream()
              .filter(parent -> parent.getName().equals(pair.parent))
              .anyMatch(
                  parent ->
                      delivered.stream()
                          .anyMatch(
                              child -> child.getName().equals(pair.child)
                                  && child.getTraceId().equals(parent.getTraceId())
                                  && child.getParentSpanId().equals(parent.getSpanId())));
      softly
          .assertThat(found)
          .as(
              "expect.children %s: a span '%s' whose parent is a span '%s'; delivered: %s",
              pair, pair.child, pair.parent, delivered)
          .isTrue();
    }
  }

  private static List<ReceivedSpan> of(List<ReceivedSpan> spans, Consumer consumer) {
    return spans.stream()
        .filter(span -> consumer.name.equals(span.getResourceAttributes().get("service.name")))
        .collect(Collectors.toList());
  }

  private static Set<String> names(List<ReceivedSpan> spans) {
    return spans.stream().map(ReceivedSpan::getName).collect(Collectors.toCollection(TreeSet::new));
  }
}

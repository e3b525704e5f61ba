package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.tracekit.compat.core.secrets.TestSecrets;

/**
 * JVM exit (issue 6): an app that returns from {@code main} without calling {@code shutdown()} —
 * TraceKit started by the X-Ray API, with its shutdown hook (bounded to 5 s) — in a child JVM. The
 * schedule delay is an hour, so only the hook can send the spans. See RELIABILITY.md.
 */
class JvmExitTest {
  private static final int SEGMENTS = 50;
  /** Liveness bound of a child JVM: far above the hook's 5 s plus start-up. */
  private static final long CHILD_BOUND_SECONDS = 60;

  private final List<String> received = Collections.synchronizedList(new ArrayList<String>());

  @Test
  void jvmExitDeliversEverySpanTheAppRecorded() throws Exception {
    try (LoopbackCollector collector =
        LoopbackCollector.start((high, low, spanId, parentId, name) -> received.add(name))
            .checkWithProto(Integer.MAX_VALUE)) {
      ChildJvm.Result run = child(collector).run("jvm-exit-flush", CHILD_BOUND_SECONDS);
      run.assertSucceeded();
      System.out.printf(
          "jvm exit, healthy collector: %d ms from main's return to exit; %d ms in all%n",
          run.endedAtEpochMillis - run.number("MAIN_RETURNS"), run.millis);

      List<String> expected = new ArrayList<>();
      for (int i = 0; i < SEGMENTS; i++) {
        expected.add("exit-" + i);
        expected.add("exit-" + i + "-sub");
      }
      assertThat(collector.awaitDecoded(expected.size(), 10)).isTrue();
      assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(collector.errors()).isEmpty();
      assertThat(run.output).doesNotContain("WARNING");
    }
  }

  @Test
  void jvmExitIsBoundedWhenTheCollectorNeverAnswers() throws Exception {
    try (LoopbackCollector collector =
        LoopbackCollector.start((high, low, spanId, parentId, name) -> received.add(name))
            .silent()) {
      ChildJvm.Result run = child(collector).run("jvm-exit-silent", CHILD_BOUND_SECONDS);
      run.assertSucceeded();
      System.out.printf(
          "jvm exit, silent collector: %d ms from main's return to exit; %d ms in all%n",
          run.endedAtEpochMillis - run.number("MAIN_RETURNS"), run.millis);

      // The hook did try: the request went out and was never answered.
      assertThat(collector.requests()).isEqualTo(1);
      assertThat(received).isEmpty();
      // The loss is not silent, although the JDK has reset java.util.logging by then.
      assertThat(run.output)
          .contains("TraceKit could not export every span within 5 s at JVM exit")
          .contains("ended=100");
    }
  }

  private static ChildJvm child(LoopbackCollector collector) {
    return ChildJvm.of(JvmExitApp.class)
        .option("-Dtracekit.endpoint=" + collector.endpoint())
        .option("-Dtracekit.apiKey=" + TestSecrets.API_KEY)
        .option("-Dtracekit.scheduleDelayMillis=3600000")
        .args(String.valueOf(SEGMENTS));
  }
}

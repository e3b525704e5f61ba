package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.trace.PipelineStats;
import dev.tracekit.compat.core.trace.ProcessorStats;
import org.junit.jupiter.api.Test;

/**
 * The line the shutdown hook prints when spans are lost at JVM exit: the count agrees with the
 * pipeline's counts, and the reason is the exporter's last failure or the exit budget.
 */
class ExitReportTest {
  private static final String TARGET = "https://collector.example.com/v1/traces";

  @Test
  void nothingIsSaidWhenEverySpanWasDelivered() {
    PipelineStats before = stats(10, 6, 0, 0, 4, null);
    PipelineStats after = stats(10, 10, 0, 0, 0, null);

    assertThat(ExitReport.describe(before, after, true, TARGET, 5_000)).isNull();
  }

  @Test
  void failuresAtExitAreCountedWithTheExportersReason() {
    String reason = "Failed to export 4 spans to " + TARGET + " after 1 attempt: HTTP 401"
        + " (check the TraceKit API key), not retried";
    PipelineStats before = stats(10, 5, 0, 1, 4, "an older failure");
    PipelineStats after = stats(10, 5, 0, 5, 0, reason);

    assertThat(ExitReport.describe(before, after, true, TARGET, 5_000))
        .startsWith("TraceKit lost 4 spans at JVM exit (4 failed: " + reason + "). PipelineStats{")
        .contains("failed=5");
  }

  @Test
  void spansLeftWhenTheBudgetRanOutAreCountedWithTheTarget() {
    PipelineStats before = stats(10, 0, 0, 0, 10, null);
    // Two dropped by the timed-out shutdown, eight still in flight (not counted anywhere yet).
    PipelineStats after = stats(10, 0, 2, 0, 0, null);

    assertThat(ExitReport.describe(before, after, false, TARGET, 5_000))
        .startsWith("TraceKit lost 10 spans at JVM exit (10 still queued or in flight when the 5.0 s"
            + " exit budget ran out: " + TARGET + " did not answer in time).");
  }

  @Test
  void bothCausesAddUpToTheCount() {
    PipelineStats before = stats(1, 0, 0, 0, 1, null);
    PipelineStats after = stats(7, 0, 0, 3, 0, "refused");

    assertThat(ExitReport.describe(before, after, false, TARGET, 5_000))
        .startsWith("TraceKit lost 7 spans at JVM exit (3 failed: refused; 4 still queued or in flight");
  }

  @Test
  void aSingleSpanIsOneSpan() {
    assertThat(ExitReport.describe(stats(1, 0, 0, 0, 1, null), stats(1, 0, 0, 1, 0, "x"), true, TARGET, 5_000))
        .startsWith("TraceKit lost 1 span at JVM exit (1 failed: x)");
  }

  private static PipelineStats stats(
      long ended, long exported, long dropped, long failed, long queued, String lastFailure) {
    return PipelineStats.create(
        ended, 0, ended, ProcessorStats.create(exported, 0, dropped, failed, queued, lastFailure));
  }
}

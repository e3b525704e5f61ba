package dev.tracekit.compat.core;

import dev.tracekit.compat.core.trace.PipelineStats;
import javax.annotation.Nullable;

/**
 * The one line that says what the shutdown hook could not deliver at JVM exit: how many spans were
 * lost and why (the exporter's last failure: cause and endpoint; or the exit budget running out),
 * with counts that agree with the pipeline's. Pure.
 */
final class ExitReport {
  private ExitReport() {}

  /**
   * Compares the counts from before and after the exit's shutdown; returns null when every span
   * ended by then was delivered.
   *
   * @param target where spans go, as logs may show it (scheme, host, port and path)
   * @param budgetMillis the time the hook gave the shutdown
   * @param finished whether the shutdown finished within it
   */
  @Nullable
  static String describe(
      PipelineStats before, PipelineStats after, boolean finished, String target, long budgetMillis) {
    long failed = after.getSpansFailed() - before.getSpansFailed();
    long dropped = after.getSpansDropped() - before.getSpansDropped();
    // Queued or in a request the budget cut short: counted nowhere yet.
    long unfinished = Math.max(0,
        after.getSpansEnded() - after.getSpansExported() - after.getSpansDropped() - after.getSpansFailed());
    long lost = failed + dropped + unfinished;
    if (lost <= 0 && finished) {
      return null;
    }
    StringBuilder out = new StringBuilder("TraceKit lost ").append(lost).append(lost == 1 ? " span" : " spans")
        .append(" at JVM exit (");
    String separator = "";
    if (failed > 0) {
      out.append(failed).append(" failed: ")
          .append(after.getLastFailure() != null ? after.getLastFailure() : "no reason given by the exporter");
      separator = "; ";
    }
    if (dropped + unfinished > 0 || !finished) {
      out.append(separator).append(dropped + unfinished)
          .append(" still queued or in flight when the ").append(budgetMillis / 1000.0)
          .append(" s exit budget ran out: ").append(target).append(" did not answer in time");
    }
    return out.append("). ").append(after).toString();
  }
}

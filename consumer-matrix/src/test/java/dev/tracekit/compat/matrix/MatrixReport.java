package dev.tracekit.compat.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@code target/consumer-matrix.md}: one table row per consumer, in name order, written when the
 * matrix ends; a consumer's row says how far it got, so a failed one shows where it stopped.
 */
final class MatrixReport {
  private static final String NOT_REACHED = "—";

  /** What one consumer reached, recorded as it gets there. */
  static final class Row {
    private volatile String jackson = NOT_REACHED;
    private volatile String okhttp = NOT_REACHED;
    private volatile String kotlin = NOT_REACHED;
    private volatile String built = "no";
    private volatile String started = NOT_REACHED;
    private volatile String spans = NOT_REACHED;
    private volatile Duration time = Duration.ZERO;

    /** The app built; {@code after} is what it resolves at run time. */
    void built(ResolvedDependencies after) {
      built = "yes";
      jackson = JacksonVersions.describe(after);
      okhttp = VersionExpectations.describeOkhttp(after);
      kotlin = VersionExpectations.describe(after, VersionExpectations.KOTLIN_STDLIB);
    }

    /** How the app's run ended. */
    void ran(ChildProcess.Result run) {
      started = run.succeeded() ? "yes" : "no (" + run.outcome() + ")";
    }

    /** How many spans of the app arrived. */
    void delivered(int count) {
      spans = String.valueOf(count);
    }

    /** How long the consumer's build and run took. */
    void took(Duration duration) {
      time = duration;
    }

    /** The row as a line of the markdown table. */
    String markdown(String consumer) {
      String[] cells = {consumer, jackson, okhttp, kotlin, built, started, spans, seconds(time)};
      return "| " + String.join(" | ", cells) + " |";
    }
  }

  private final Map<String, Row> rows = new ConcurrentSkipListMap<>();

  /** A new row for {@code consumer}. */
  Row row(String consumer) {
    Row row = new Row();
    rows.put(consumer, row);
    return row;
  }

  /** Writes the table to {@code file}, with the matrix's {@code wallTime} under it. */
  void write(Path file, Duration wallTime) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# Consumer matrix");
    lines.add("");
    lines.add(
        "Each consumer (consumer-matrix/src/it) built with mvn, migrated with the guide's one pom"
            + " edit, then run; spans counted at the matrix's collector. Versions are those the app"
            + " resolves at run time after the swap.");
    lines.add("");
    lines.add(
        "| consumer | Jackson (after) | OkHttp | Kotlin | built | started (exit 0)"
            + " | spans delivered | build+run seconds |");
    lines.add("|---|---|---|---|---|---|---|---|");
    rows.forEach((name, row) -> lines.add(row.markdown(name)));
    lines.add("");
    lines.add("Matrix wall time: " + seconds(wallTime) + " s, at most two consumers at a time.");
    Files.createDirectories(file.getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }
}

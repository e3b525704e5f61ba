package dev.tracekit.compat.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The search behind {@link SecretLeakGuard} finds a planted secret wherever a log record, a stream
 * or a thread name may carry it, and nothing in text without one. Each test uses its own scanner:
 * what is planted here never reaches the suite's guard.
 */
class SecretScannerTest {
  private static final String SECRET = TestSecrets.secret("scanner");

  private final SecretScanner scanner = new SecretScanner();

  @Test
  void findsTheSecretInAnyPartOfALogRecord() {
    scanner.inspect(record("key " + SECRET, null));
    LogRecord parameter = record("key {0}", null);
    parameter.setParameters(new Object[] {SECRET});
    scanner.inspect(parameter);
    IllegalStateException cause = new IllegalStateException("inner " + SECRET);
    scanner.inspect(record("failed", new RuntimeException("outer", cause)));
    RuntimeException suppressing = new RuntimeException("outer");
    suppressing.addSuppressed(new IllegalArgumentException(SECRET.toUpperCase()));
    scanner.inspect(record("failed", suppressing));

    assertThat(scanner.findingCount()).isEqualTo(4);
    assertThat(scanner.findings()).allMatch(finding -> finding.startsWith("log record of test.logger at FINEST"));
  }

  @Test
  void recordsWithoutTheSecretAreNotFindings() {
    scanner.inspect(record("key tk_live_0123 " + TestSecrets.MARKER.substring(1), new RuntimeException("x")));

    assertThat(scanner.findingCount()).isZero();
    assertThat(scanner.summary()).contains("1 log records").contains("0 leaks");
  }

  @Test
  void findsTheSecretInAStreamWhateverHowItIsWritten() {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    OutputStream scanning = scanner.scanning(target, "stream");
    PrintStream out = new PrintStream(scanning, true);
    String half = SECRET.substring(0, 5);
    out.print("split " + half);
    out.println(SECRET.substring(5));
    out.println("upper " + SECRET.toUpperCase());
    StringBuilder longLine = new StringBuilder();
    while (longLine.length() < 64 * 1024 - 3) {
      longLine.append('x');
    }
    out.println(longLine + SECRET);
    out.print("no newline at the end " + SECRET);
    SecretScanner.drain(scanning);

    assertThat(scanner.findingCount()).isEqualTo(4);
    assertThat(new String(target.toByteArray(), StandardCharsets.UTF_8)).as("passed through").contains("upper ");
  }

  @Test
  void findsTheSecretInAThreadName() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread thread = new Thread(() -> awaitQuietly(release), "worker-" + SECRET);
    thread.start();
    try {
      scanner.inspectThreadNames("now");
    } finally {
      release.countDown();
      thread.join(30_000);
    }

    assertThat(scanner.findings()).containsExactly("thread name (now): worker-" + SECRET);
  }

  @Test
  void findsTheSecretInHandedInText() {
    scanner.inspect("child JVM", "line 1\nkey=" + SECRET + "\n");
    scanner.inspect("child JVM", "nothing here");

    assertThat(scanner.findingCount()).isEqualTo(1);
  }

  private static LogRecord record(String message, Throwable thrown) {
    LogRecord record = new LogRecord(Level.FINEST, message);
    record.setLoggerName("test.logger");
    record.setThrown(thrown);
    return record;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

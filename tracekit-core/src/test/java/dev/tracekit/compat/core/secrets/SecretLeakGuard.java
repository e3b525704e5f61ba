package dev.tracekit.compat.core.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Searches everything the whole test suite of a module logs or prints for the secrets tests plant
 * ({@link TestSecrets#MARKER}), and fails the run when it finds one.
 *
 * <p>{@link SecretLeakGuardListener}, registered for the JUnit Platform launcher by {@code
 * META-INF/services} in tracekit-core's test jar, drives it, so that every module whose tests depend
 * on that jar is covered. (This class holds no JUnit type, so that tests of any module can call
 * {@link #inspect} without the launcher API on their compile class path.) When the launcher session
 * opens (before the first test) it installs:
 *
 * <ul>
 *   <li>a handler on the root {@code java.util.logging} logger, and raises the {@code dev.tracekit},
 *       {@code com.amazonaws} and {@code okhttp3} loggers to {@link Level#ALL}, so that FINE and
 *       debug records are produced and searched too: message, parameters, formatted text, and every
 *       throwable of the chain (messages, causes, suppressed, stack traces);
 *   <li>tees of {@code System.out} and {@code System.err} that search each line;
 *   <li>a search of every live thread's name after each test.
 * </ul>
 *
 * <p>Tests hand in text that never passes through those, such as a child JVM's output, with {@link
 * #inspect}. When the session closes, a summary goes to {@code target/secret-leak-guard.txt}; if
 * anything was found, the findings go there and to stderr, and closing the session throws, which
 * fails the Maven build: surefire reports "There was an error in the forked process" with the
 * guard's message.
 */
public final class SecretLeakGuard {
  /** The loggers opened up to {@link Level#ALL}: ours, the X-Ray packages (shim and real SDK), OkHttp. */
  static final String[] RAISED_LOGGERS = {"dev.tracekit", "com.amazonaws", "okhttp3"};

  static final Path REPORT = Paths.get("target", "secret-leak-guard.txt");

  private static final SecretScanner SCANNER = new SecretScanner();
  private static final Object LOCK = new Object();
  private static int openSessions;
  private static Installation installation;

  /** Searches {@code text} (from {@code where}, such as a child JVM's output) for planted secrets. */
  public static void inspect(String where, CharSequence text) {
    SCANNER.inspect(where, text);
  }

  /** True while the guard is installed: every module's suite checks that it runs under it. */
  public static boolean isActive() {
    synchronized (LOCK) {
      return installation != null;
    }
  }

  private SecretLeakGuard() {}

  /** The outermost launcher session opened: installs the guard (nested sessions only count). */
  static void sessionOpened() {
    synchronized (LOCK) {
      // A test may run a launcher of its own inside the suite's: only the outermost session counts.
      if (openSessions++ == 0) {
        installation = new Installation();
      }
    }
  }

  /** A test finished: searches the live threads' names. */
  static void testFinished(String displayName) {
    SCANNER.inspectThreadNames("after " + displayName);
  }

  /**
   * A launcher session closed; when it was the outermost, uninstalls the guard, writes the report,
   * and throws when a secret leaked.
   */
  static void sessionClosed() {
    Installation closing;
    synchronized (LOCK) {
      if (--openSessions > 0 || installation == null) {
        return;
      }
      closing = installation;
      installation = null;
    }
    SCANNER.inspectThreadNames("at the end of the suite");
    closing.uninstall();
    String report = report();
    try {
      Files.createDirectories(REPORT.getParent());
      Files.write(REPORT, report.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      closing.err.println("Could not write " + REPORT.toAbsolutePath() + ": " + e);
    }
    if (SCANNER.findingCount() > 0) {
      closing.err.println(report);
      throw new AssertionError(
          "A planted secret (" + TestSecrets.MARKER + ") leaked into logs, output or thread names ("
              + SCANNER.findingCount() + " findings); see " + REPORT.toAbsolutePath());
    }
  }

  private static String report() {
    StringBuilder text = new StringBuilder();
    text.append("SecretLeakGuard: searched for \"").append(TestSecrets.MARKER).append("\" in ")
        .append(SCANNER.summary()).append('\n');
    for (String finding : SCANNER.findings()) {
      text.append("LEAK ").append(finding).append('\n');
    }
    return text.toString();
  }

  /** What the guard changed in the JVM, and undoes at the end. */
  private static final class Installation {
    final PrintStream out = System.out;
    final PrintStream err = System.err;
    final OutputStream outScan;
    final OutputStream errScan;
    final Handler handler = SCANNER.handler();
    // Strong references: java.util.logging forgets the level of a logger nobody references.
    final List<Logger> raised = new ArrayList<>();
    final List<Level> previousLevels = new ArrayList<>();

    Installation() {
      Charset charset = Charset.defaultCharset();
      outScan = SCANNER.scanning(out, "System.out");
      errScan = SCANNER.scanning(err, "System.err");
      try {
        System.setOut(new PrintStream(outScan, true, charset.name()));
        System.setErr(new PrintStream(errScan, true, charset.name()));
      } catch (java.io.UnsupportedEncodingException impossible) {
        throw new IllegalStateException(impossible);
      }
      for (String name : RAISED_LOGGERS) {
        Logger logger = Logger.getLogger(name);
        raised.add(logger);
        previousLevels.add(logger.getLevel());
        logger.setLevel(Level.ALL);
      }
      Logger.getLogger("").addHandler(handler);
    }

    void uninstall() {
      Logger.getLogger("").removeHandler(handler);
      for (int i = 0; i < raised.size(); i++) {
        raised.get(i).setLevel(previousLevels.get(i));
      }
      System.out.flush();
      System.err.flush();
      System.setOut(out);
      System.setErr(err);
      SecretScanner.drain(outScan);
      SecretScanner.drain(errScan);
    }
  }
}

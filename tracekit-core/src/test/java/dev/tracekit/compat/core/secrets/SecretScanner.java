package dev.tracekit.compat.core.secrets;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Searches text for {@link TestSecrets#MARKER} and keeps what it finds: log records (message,
 * parameters, formatted text, and every throwable of the chain with its stack trace), bytes written
 * to a stream, thread names, or any text a test hands it. Thread-safe; used by {@link
 * SecretLeakGuard}, which reports the findings at the end of the suite.
 */
final class SecretScanner {
  private static final int MAX_FINDINGS = 50;
  private static final int MAX_EXCERPT = 300;
  private static final byte[] MARKER = TestSecrets.MARKER.getBytes(StandardCharsets.US_ASCII);

  private final List<String> findings = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong findingCount = new AtomicLong();
  private final AtomicLong recordsScanned = new AtomicLong();
  private final AtomicLong bytesScanned = new AtomicLong();
  private final AtomicLong threadScans = new AtomicLong();
  private final AtomicLong textsScanned = new AtomicLong();
  private final AtomicLong scanNanos = new AtomicLong();
  private final Map<String, AtomicLong> recordsByLogger = new ConcurrentHashMap<>();

  /** Searches {@code text}, which came from {@code where}. */
  void inspect(String where, CharSequence text) {
    textsScanned.incrementAndGet();
    if (TestSecrets.containsSecret(text)) {
      found(where, text.toString());
    }
  }

  /** Searches everything a log record carries; one finding per record at most. */
  void inspect(LogRecord record) {
    long start = System.nanoTime();
    try {
      search(record);
    } finally {
      scanNanos.addAndGet(System.nanoTime() - start);
    }
  }

  private void search(LogRecord record) {
    recordsScanned.incrementAndGet();
    recordsByLogger
        .computeIfAbsent(String.valueOf(record.getLoggerName()), name -> new AtomicLong())
        .incrementAndGet();
    List<String[]> texts = new ArrayList<>();
    texts.add(new String[] {"message", record.getMessage()});
    Object[] parameters = record.getParameters();
    if (parameters != null) {
      for (Object parameter : parameters) {
        texts.add(new String[] {"parameter", safeToString(parameter)});
      }
    }
    try {
      texts.add(new String[] {"formatted", new SimpleFormatter().format(record)});
    } catch (RuntimeException e) {
      // A parameter whose toString throws: its text was taken above as far as it could be.
    }
    throwables(record.getThrown(), "", texts, Collections.newSetFromMap(new IdentityHashMap<>()));
    for (String[] text : texts) {
      if (text[1] != null && TestSecrets.containsSecret(text[1])) {
        found("log record of " + record.getLoggerName() + " at " + record.getLevel() + " (" + text[0] + ")",
            text[1]);
        return;
      }
    }
  }

  /** Searches the names of every live thread. */
  void inspectThreadNames(String when) {
    long start = System.nanoTime();
    threadScans.incrementAndGet();
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      String name = threads[i].getName();
      if (TestSecrets.containsSecret(name)) {
        found("thread name (" + when + ")", name);
      }
    }
    scanNanos.addAndGet(System.nanoTime() - start);
  }

  /** Returns a stream that writes through to {@code target} and searches each line written. */
  OutputStream scanning(OutputStream target, String where) {
    return new ScanningStream(target, where);
  }

  /** Returns a handler that searches every record published to it. */
  Handler handler() {
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            inspect(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.ALL);
    return handler;
  }

  long findingCount() {
    return findingCount.get();
  }

  List<String> findings() {
    synchronized (findings) {
      return new ArrayList<>(findings);
    }
  }

  String summary() {
    List<Map.Entry<String, AtomicLong>> loggers = new ArrayList<>(recordsByLogger.entrySet());
    loggers.sort((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()));
    StringBuilder top = new StringBuilder();
    for (int i = 0; i < Math.min(5, loggers.size()); i++) {
      top.append(i == 0 ? "" : ", ").append(loggers.get(i).getKey()).append('=')
          .append(loggers.get(i).getValue().get());
    }
    return recordsScanned.get() + " log records" + (top.length() == 0 ? "" : " (most from " + top + ")") + ", "
        + bytesScanned.get() + " bytes of stdout/stderr, " + textsScanned.get()
        + " texts handed in, thread names " + threadScans.get() + " times, in "
        + TimeUnit.NANOSECONDS.toMillis(scanNanos.get()) + " ms of searching; "
        + findingCount.get() + " leaks";
  }

  /** Adds the message, {@code toString()} and stack trace of {@code thrown} and its causes. */
  private static void throwables(
      Throwable thrown, String path, List<String[]> texts, Set<Throwable> seen) {
    if (thrown == null || !seen.add(thrown)) {
      return;
    }
    texts.add(new String[] {"throwable" + path + " message", thrown.getMessage()});
    texts.add(new String[] {"throwable" + path, safeToString(thrown)});
    StringWriter trace = new StringWriter();
    try {
      thrown.printStackTrace(new PrintWriter(trace));
    } catch (RuntimeException e) {
      trace.write(e.toString());
    }
    texts.add(new String[] {"throwable" + path + " stack trace", trace.toString()});
    throwables(thrown.getCause(), path + " cause", texts, seen);
    for (Throwable suppressed : thrown.getSuppressed()) {
      throwables(suppressed, path + " suppressed", texts, seen);
    }
  }

  private void found(String where, String text) {
    findingCount.incrementAndGet();
    if (findings.size() < MAX_FINDINGS) {
      findings.add(where + ": " + excerpt(text));
    }
  }

  private static String excerpt(String text) {
    int at = text.toLowerCase(Locale.ROOT).indexOf(TestSecrets.MARKER);
    int from = Math.max(0, at - MAX_EXCERPT / 2);
    int to = Math.min(text.length(), at + MAX_EXCERPT / 2);
    return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
  }

  private static String safeToString(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException | StackOverflowError e) {
      return "";
    }
  }

  /** Passes bytes through and searches them line by line (long lines in overlapping chunks). */
  private final class ScanningStream extends OutputStream {
    private static final int MAX_LINE = 64 * 1024;

    private final OutputStream target;
    private final String where;
    private final byte[] line = new byte[MAX_LINE];
    private int length;

    ScanningStream(OutputStream target, String where) {
      this.target = target;
      this.where = where;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      target.write(b);
      long start = System.nanoTime();
      append((byte) b);
      scanNanos.addAndGet(System.nanoTime() - start);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int count) throws java.io.IOException {
      target.write(bytes, offset, count);
      long start = System.nanoTime();
      for (int i = offset; i < offset + count; i++) {
        append(bytes[i]);
      }
      scanNanos.addAndGet(System.nanoTime() - start);
    }

    @Override
    public synchronized void flush() throws java.io.IOException {
      target.flush();
    }

    /** Searches what is buffered, for the end of the suite. */
    synchronized void drain() {
      scanLine(0);
    }

    private void append(byte b) {
      bytesScanned.incrementAndGet();
      if (b == '\n') {
        scanLine(0);
        return;
      }
      if (length == MAX_LINE) {
        // Keep the tail so that a marker split across chunks is still found.
        scanLine(MARKER.length - 1);
      }
      line[length++] = b;
    }

    private void scanLine(int keep) {
      if (contains(line, length)) {
        found(where, new String(line, 0, length, StandardCharsets.UTF_8));
      }
      int kept = Math.min(keep, length);
      System.arraycopy(line, length - kept, line, 0, kept);
      length = kept;
    }

    private boolean contains(byte[] bytes, int count) {
      outer:
      for (int i = 0; i + MARKER.length <= count; i++) {
        for (int j = 0; j < MARKER.length; j++) {
          byte c = bytes[i + j];
          if (c >= 'A' && c <= 'Z') {
            c = (byte) (c + ('a' - 'A'));
          }
          if (c != MARKER[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }
  }

  /** Searches what the streams still buffer (a last line without a newline). */
  static void drain(OutputStream stream) {
    if (stream instanceof ScanningStream) {
      ((ScanningStream) stream).drain();
    }
  }
}

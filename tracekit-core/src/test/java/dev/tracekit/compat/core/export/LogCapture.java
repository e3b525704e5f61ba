package dev.tracekit.compat.core.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects every java.util.logging record while open: a handler on the root logger, with the {@code
 * dev.tracekit} loggers opened up to {@link Level#ALL} so that FINE records are produced too.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Logger library = Logger.getLogger("dev.tracekit");
  private final Level previousLevel;
  private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
  private final SimpleFormatter formatter = new SimpleFormatter();

  public LogCapture() {
    previousLevel = library.getLevel();
    library.setLevel(Level.ALL);
    setLevel(Level.ALL);
    root.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    library.setLevel(previousLevel);
  }

  /** Returns the records so far. */
  public List<LogRecord> records() {
    synchronized (records) {
      return new ArrayList<>(records);
    }
  }

  /** Returns each record fully formatted: message, parameters and any throwable's stack trace. */
  public List<String> formatted() {
    List<String> texts = new ArrayList<>();
    for (LogRecord record : records()) {
      texts.add(formatter.format(record));
    }
    return texts;
  }

  /** Returns the messages of records at {@code level}. */
  public List<String> messagesAt(Level level) {
    List<String> messages = new ArrayList<>();
    for (LogRecord record : records()) {
      if (record.getLevel().equals(level)) {
        messages.add(record.getMessage());
      }
    }
    return messages;
  }
}

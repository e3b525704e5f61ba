package dev.tracekit.compat.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThrottlingLoggerTest {
  private final Logger logger = Logger.getLogger(ThrottlingLoggerTest.class.getName() + ".test");
  private final RecordingHandler handler = new RecordingHandler();
  private final AtomicLong nanoTime = new AtomicLong(1_000_000L);
  private final ThrottlingLogger throttled =
      ThrottlingLogger.create(logger, 3, 1, TimeUnit.MINUTES, nanoTime::get);

  @BeforeEach
  void captureRecords() {
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.INFO);
    logger.addHandler(handler);
  }

  @AfterEach
  void releaseLogger() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(true);
    logger.setLevel(null);
  }

  @Test
  void letsThroughAtMostTheBudgetPerWindow() {
    for (int i = 0; i < 10; i++) {
      throttled.log(Level.WARNING, "message " + i);
    }

    assertThat(handler.messages()).containsExactly("message 0", "message 1", "message 2");
  }

  @Test
  void reportsHowManyWereSuppressedWhenTheNextWindowOpens() {
    for (int i = 0; i < 10; i++) {
      throttled.log(Level.WARNING, "message " + i);
    }
    nanoTime.addAndGet(TimeUnit.MINUTES.toNanos(1));

    throttled.log(Level.WARNING, "after the window");
    throttled.log(Level.WARNING, "no more suppressed");

    assertThat(handler.messages())
        .endsWith(
            "after the window (7 similar messages were suppressed before this one)",
            "no more suppressed");
  }

  @Test
  void theBudgetIsNotRenewedBeforeTheWindowEnds() {
    for (int i = 0; i < 3; i++) {
      throttled.log(Level.WARNING, "message " + i);
    }
    nanoTime.addAndGet(TimeUnit.MINUTES.toNanos(1) - 1);

    throttled.log(Level.WARNING, "still throttled");

    assertThat(handler.messages()).hasSize(3);
  }

  @Test
  void eachWindowHasItsOwnBudget() {
    for (int window = 0; window < 3; window++) {
      for (int i = 0; i < 5; i++) {
        throttled.log(Level.WARNING, "window " + window);
      }
      nanoTime.addAndGet(TimeUnit.MINUTES.toNanos(1));
    }

    assertThat(handler.messages()).hasSize(9);
  }

  @Test
  void recordsBelowTheLoggersLevelAreIgnoredAndDoNotSpendTheBudget() {
    for (int i = 0; i < 10; i++) {
      throttled.log(Level.FINE, "debug " + i);
    }

    throttled.log(Level.WARNING, "first warning");

    assertThat(handler.messages()).containsExactly("first warning");
    assertThat(throttled.isLoggable(Level.FINE)).isFalse();
    assertThat(throttled.isLoggable(Level.WARNING)).isTrue();
  }

  @Test
  void keepsTheLevelAndTheThrowable() {
    IllegalStateException failure = new IllegalStateException("boom");

    throttled.log(Level.SEVERE, "export failed", failure);

    LogRecord record = handler.records().get(0);
    assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
    assertThat(record.getThrown()).isSameAs(failure);
  }

  @Test
  void defaultLoggerLetsFiveRecordsThroughPerMinute() {
    ThrottlingLogger defaults = ThrottlingLogger.create(logger);

    for (int i = 0; i < 20; i++) {
      defaults.log(Level.WARNING, "message " + i);
    }

    // The real clock would have to stall for a minute for a sixth record to pass.
    assertThat(handler.messages()).hasSize(5);
  }

  /** Keeps every record published to it. */
  private static final class RecordingHandler extends Handler {
    private final List<LogRecord> records = new ArrayList<>();

    @Override
    public synchronized void publish(LogRecord record) {
      records.add(record);
    }

    synchronized List<LogRecord> records() {
      return new ArrayList<>(records);
    }

    synchronized List<String> messages() {
      List<String> messages = new ArrayList<>();
      for (LogRecord record : records) {
        messages.add(record.getMessage());
      }
      return messages;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}

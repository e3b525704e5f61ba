package com.amazonaws.xray.strategy;

import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a missing context at SEVERE, as the X-Ray SDK does, but rate-limited (a few lines a minute,
 * then a count of what was suppressed) so that an uninstrumented code path cannot flood the logs.
 */
public class LogErrorContextMissingStrategy implements ContextMissingStrategy {
  public static final String OVERRIDE_VALUE = "LOG_ERROR";

  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(LogErrorContextMissingStrategy.class.getName()));

  @Override
  public void contextMissing(String message, Class<? extends RuntimeException> exceptionClass) {
    String type = exceptionClass == null ? "RuntimeException" : exceptionClass.getSimpleName();
    LOGGER.log(Level.SEVERE, "Suppressing AWS X-Ray context missing exception (" + type + "): " + message);
  }
}

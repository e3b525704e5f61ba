package dev.tracekit.compat.core;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs what the configuration refused, once per process: the settings are read wherever they are
 * needed (each pipeline start, the X-Ray recorder's sampling), and one bad value must make one
 * line. At most {@value #MAX_REMEMBERED} distinct lines are remembered; past that they are logged
 * every time.
 */
final class ConfigWarnings {
  static final int MAX_REMEMBERED = 256;
  private static final Logger LOGGER = Logger.getLogger(TraceKitConfig.class.getName());
  private static final Set<String> LOGGED = Collections.newSetFromMap(new ConcurrentHashMap<>());

  private ConfigWarnings() {}

  static void warnOnce(String message) {
    logOnce(Level.WARNING, message);
  }

  static void severeOnce(String message) {
    logOnce(Level.SEVERE, message);
  }

  private static void logOnce(Level level, String message) {
    if (LOGGED.size() >= MAX_REMEMBERED || LOGGED.add(message)) {
      LOGGER.log(level, message);
    }
  }
}

package dev.tracekit.compat.bridge;

import java.nio.file.Path;
import javax.annotation.Nullable;

/** A sampling rules file that cannot be read or is not a valid rule set; says which and why. */
final class SamplingRulesException extends Exception {
  private static final long serialVersionUID = 1L;

  SamplingRulesException(Path file, String problem, @Nullable Throwable cause) {
    super("Sampling rules file " + file + ": " + problem, cause);
  }
}

package dev.tracekit.compat.bridge;

/**
 * JSON that parses but does not have the expected shape; the message names the field and what is
 * wrong with it ("rules[1].rate must be a number from 0 to 1").
 */
final class InvalidJsonException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidJsonException(String message) {
    super(message);
  }
}

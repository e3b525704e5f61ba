package com.amazonaws.xray.strategy;

/**
 * Throws the documented exception ({@code SegmentNotFoundException}, {@code
 * SubsegmentNotFoundException}, {@code AlreadyEmittedException}) with the message, as the X-Ray SDK
 * does: the one place where the X-Ray API throws into application code on purpose.
 */
public class RuntimeErrorContextMissingStrategy implements ContextMissingStrategy {
  public static final String OVERRIDE_VALUE = "RUNTIME_ERROR";

  @Override
  public void contextMissing(String message, Class<? extends RuntimeException> exceptionClass) {
    RuntimeException exception;
    try {
      exception = exceptionClass.getConstructor(String.class).newInstance(message);
    } catch (ReflectiveOperationException | RuntimeException e) {
      exception = new RuntimeException(message);
    }
    throw exception;
  }
}

package com.amazonaws.xray.strategy;

/** Ignores a missing context silently. */
public class IgnoreErrorContextMissingStrategy implements ContextMissingStrategy {
  public static final String OVERRIDE_VALUE = "IGNORE_ERROR";

  @Override
  public void contextMissing(String message, Class<? extends RuntimeException> exceptionClass) {}
}

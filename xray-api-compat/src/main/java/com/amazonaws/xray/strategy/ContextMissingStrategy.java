package com.amazonaws.xray.strategy;

/**
 * What happens when an X-Ray call needs a segment or subsegment in context and there is none:
 * {@code LOG_ERROR} (default), {@code RUNTIME_ERROR} or {@code IGNORE_ERROR}, chosen with {@code
 * AWS_XRAY_CONTEXT_MISSING} (which wins over the system property).
 */
public interface ContextMissingStrategy {
  String CONTEXT_MISSING_STRATEGY_ENVIRONMENT_VARIABLE_OVERRIDE_KEY = "AWS_XRAY_CONTEXT_MISSING";
  String CONTEXT_MISSING_STRATEGY_SYSTEM_PROPERTY_OVERRIDE_KEY =
      "com.amazonaws.xray.strategy.contextMissingStrategy";

  /** Handles a missing context; {@code exceptionClass} is what RUNTIME_ERROR throws. */
  void contextMissing(String message, Class<? extends RuntimeException> exceptionClass);
}

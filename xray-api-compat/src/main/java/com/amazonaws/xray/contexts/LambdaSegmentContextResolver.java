package com.amazonaws.xray.contexts;

/**
 * Resolves to a {@link LambdaSegmentContext} when running in AWS Lambda ({@code LAMBDA_TASK_ROOT} is
 * set), else to null so that the next resolver of the chain applies. As the X-Ray SDK does, it then
 * leaves the file {@code /tmp/.aws-xray/initialized} behind (once) to tell Lambda that an X-Ray SDK
 * is initialized. Thread-safe.
 */
public class LambdaSegmentContextResolver implements SegmentContextResolver {
  private final LambdaEnvironment environment;
  private final LambdaSegmentContext context;

  /** A resolver over the process's environment, whose {@code LAMBDA_TASK_ROOT} it reads once. */
  public LambdaSegmentContextResolver() {
    this(LambdaEnvironment.system());
  }

  LambdaSegmentContextResolver(LambdaEnvironment environment) {
    this.environment = environment;
    this.context = new LambdaSegmentContext(environment);
  }

  @Override
  public SegmentContext resolve() {
    if (!environment.isLambda()) {
      return null;
    }
    environment.markSdkInitialized();
    return context;
  }
}

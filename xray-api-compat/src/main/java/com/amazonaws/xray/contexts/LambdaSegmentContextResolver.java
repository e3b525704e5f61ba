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
  // Over the process's environment, which does not change, "not Lambda" is known once for all.
  private final boolean neverLambda;

  /** A resolver over the process's environment, whose {@code LAMBDA_TASK_ROOT} it reads once. */
  public LambdaSegmentContextResolver() {
    this(LambdaEnvironment.system(), true);
  }

  LambdaSegmentContextResolver(LambdaEnvironment environment) {
    this(environment, false);
  }

  private LambdaSegmentContextResolver(LambdaEnvironment environment, boolean fixed) {
    this.environment = environment;
    this.context = new LambdaSegmentContext(environment);
    this.neverLambda = fixed && !environment.isLambda();
  }

  @Override
  public SegmentContext resolve() {
    if (neverLambda || !environment.isLambda()) {
      return null;
    }
    environment.markSdkInitialized();
    return context;
  }
}

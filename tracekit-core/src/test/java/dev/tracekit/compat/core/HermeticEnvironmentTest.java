package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * No TraceKit or OpenTelemetry setting of the machine running the build reaches the tests: the
 * build's surefire configuration removes each variable the code reads. When this fails on your
 * machine, add the variable it names to {@code excludedEnvironmentVariables} in the root pom.
 */
class HermeticEnvironmentTest {
  @Test
  void noTracingVariableReachesTheTests() {
    assertThat(System.getenv().keySet())
        .as("variables to add to excludedEnvironmentVariables in the root pom")
        .noneMatch(ChildJvmEnvironment::isTracingSetting);
  }
}

package dev.tracekit.compat.integration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up of the tests that drive AWS SDK clients through the real X-Ray AWS modules on the
 * shim: per test class, a loopback AWS stub ({@link #aws}) and a loopback collector with the calls
 * helper ({@link #calls}); before each test, the stub forgets earlier requests and answers normally.
 */
abstract class AwsStubTestBase {
  static TracedCalls calls;
  static AwsStub aws;

  @BeforeAll
  static void startStubAndCollector() {
    calls = TracedCalls.start();
    aws = new AwsStub();
  }

  @AfterAll
  static void stopStubAndCollector() throws Exception {
    aws.close();
    calls.close();
  }

  @BeforeEach
  void forgetRequests() {
    aws.reset();
  }
}

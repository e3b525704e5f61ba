package dev.tracekit.compat.core.secrets;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Runs {@link SecretLeakGuard} for a JUnit Platform launcher session: installed when the session
 * opens, thread names searched after each test, findings reported (and the run failed) when it
 * closes. Registered by {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}
 * in tracekit-core's test jar.
 */
public final class SecretLeakGuardListener implements LauncherSessionListener, TestExecutionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    SecretLeakGuard.sessionOpened();
    session.getLauncher().registerTestExecutionListeners(this);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (test.isTest()) {
      SecretLeakGuard.testFinished(test.getDisplayName());
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    SecretLeakGuard.sessionClosed();
  }
}

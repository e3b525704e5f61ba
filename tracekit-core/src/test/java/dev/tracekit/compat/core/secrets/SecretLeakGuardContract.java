package dev.tracekit.compat.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Extended by one test class in every module, so that each module's suite proves it runs under
 * {@link SecretLeakGuard}: a module that lost the tracekit-core test jar would not compile, one
 * whose launcher does not load the guard fails here.
 */
public abstract class SecretLeakGuardContract {
  @Test
  void theWholeSuiteRunsUnderTheSecretLeakGuard() {
    assertThat(SecretLeakGuard.isActive()).as("SecretLeakGuard is installed").isTrue();
    for (String name : SecretLeakGuard.RAISED_LOGGERS) {
      assertThat(Logger.getLogger(name).isLoggable(Level.FINEST)).as("%s logs everything", name).isTrue();
    }
  }
}

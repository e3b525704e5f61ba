package dev.tracekit.compat.testing;

import java.util.Map;
import javax.annotation.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The lifecycle shared by the capture extensions: the first callback starts the capture and sets
 * its system properties; the context that started it (a class, or a test method for an extension in
 * an instance field) stops it and restores the properties when it ends; nested classes share it;
 * each test starts with nothing captured. Parameters of the capture's type are injected.
 */
abstract class CaptureExtension<T extends AutoCloseable>
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
  private final Class<T> type;
  @Nullable private T capture;
  @Nullable private PropertyOverride properties;
  @Nullable private ExtensionContext owner;

  CaptureExtension(Class<T> type) {
    this.type = type;
  }

  abstract T startCapture();

  abstract void clear(T capture);

  /** Returns the system properties to set while the capture runs. */
  abstract Map<String, String> properties(T capture);

  /** Returns the running capture; throws IllegalStateException outside of its tests. */
  final synchronized T capture() {
    if (capture == null) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " is not running: use it from a test of the class that"
              + " registers it (@RegisterExtension or @ExtendWith)");
    }
    return capture;
  }

  @Override
  public final void beforeAll(ExtensionContext context) {
    ensureStarted(context);
  }

  @Override
  public final void afterAll(ExtensionContext context) throws Exception {
    stopIfOwner(context);
  }

  @Override
  public final void beforeEach(ExtensionContext context) {
    clear(ensureStarted(context));
  }

  @Override
  public final void afterEach(ExtensionContext context) throws Exception {
    stopIfOwner(context);
  }

  @Override
  public final boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == type;
  }

  @Override
  public final Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return ensureStarted(context);
  }

  private synchronized T ensureStarted(ExtensionContext context) {
    if (capture == null) {
      T started = startCapture();
      try {
        properties = PropertyOverride.set(properties(started));
      } catch (RuntimeException e) {
        closeQuietly(started, e);
        throw e;
      }
      capture = started;
      owner = context;
    }
    return capture;
  }

  private synchronized void stopIfOwner(ExtensionContext context) throws Exception {
    if (capture == null || owner != context) {
      return;
    }
    T stopping = capture;
    capture = null;
    owner = null;
    try {
      if (properties != null) {
        properties.close();
        properties = null;
      }
    } finally {
      stopping.close();
    }
  }

  private static void closeQuietly(AutoCloseable closeable, Throwable cause) {
    try {
      closeable.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}

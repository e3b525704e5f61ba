package dev.tracekit.compat.testing;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A JUnit 5 extension that runs an {@link XRayDaemonCapture} for a test class and sets the system
 * property {@value XRayDaemonCapture#DAEMON_ADDRESS_PROPERTY} to it, restored when it stops.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final XRayDaemonCaptureExtension daemon = new XRayDaemonCaptureExtension();
 * }</pre>
 *
 * <p>Lifecycle as {@link OtlpCollectorExtension}: one capture per class in a static field (nested
 * classes included), per test in an instance field; cleared before each test; parameters of type
 * {@link XRayDaemonCapture} are injected. X-Ray reads the property when a recorder is built: a
 * recorder built earlier (such as a global one built at class loading) keeps its address; use {@link
 * #onPort(int)} with 2000 to catch those.
 */
public final class XRayDaemonCaptureExtension extends CaptureExtension<XRayDaemonCapture> {
  private volatile int port;

  /** Creates an extension that listens on a free port. */
  public XRayDaemonCaptureExtension() {
    super(XRayDaemonCapture.class);
  }

  /** Listens on {@code port} instead (2000 is the daemon's); call before the capture starts. */
  public XRayDaemonCaptureExtension onPort(int port) {
    this.port = port;
    return this;
  }

  /**
   * Returns the running capture.
   *
   * @throws IllegalStateException outside of the tests of the class that registers the extension
   */
  public XRayDaemonCapture getCapture() {
    return capture();
  }

  /** See {@link XRayDaemonCapture#getDaemonAddress()}. */
  public String getDaemonAddress() {
    return getCapture().getDaemonAddress();
  }

  /** See {@link XRayDaemonCapture#documents()}. */
  public List<String> documents() {
    return getCapture().documents();
  }

  /** See {@link XRayDaemonCapture#awaitDocuments(int, Duration)}. */
  public List<String> awaitDocuments(int count, Duration timeout) {
    return getCapture().awaitDocuments(count, timeout);
  }

  @Override
  XRayDaemonCapture startCapture() {
    return XRayDaemonCapture.start(port);
  }

  @Override
  void clear(XRayDaemonCapture capture) {
    capture.clear();
  }

  @Override
  Map<String, String> properties(XRayDaemonCapture capture) {
    return Collections.singletonMap(XRayDaemonCapture.DAEMON_ADDRESS_PROPERTY, capture.getDaemonAddress());
  }

  @Override
  public String toString() {
    return "XRayDaemonCaptureExtension";
  }
}

package dev.tracekit.compat.bridge;

/**
 * The X-Ray daemon bridge: stands where the X-Ray daemon stood and forwards the segments of X-Ray
 * SDKs in any language to TraceKit. Run it with {@code java -jar xray-daemon-bridge.jar}.
 */
public final class XRayDaemonBridge {
  private XRayDaemonBridge() {}

  /** Runs the bridge until the JVM is asked to stop. */
  public static void main(String[] args) {
    throw new UnsupportedOperationException("not yet");
  }
}

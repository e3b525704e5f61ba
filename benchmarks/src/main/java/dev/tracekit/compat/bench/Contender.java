package dev.tracekit.compat.bench;

/** Which implementation of the X-Ray API is on the class path: the shim or the real SDK. */
final class Contender {
  private Contender() {}

  /** Returns true when the X-Ray API on the class path is the TraceKit shim. */
  static boolean isShim() {
    try {
      Class.forName("dev.tracekit.compat.core.TraceKit", false, Contender.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}

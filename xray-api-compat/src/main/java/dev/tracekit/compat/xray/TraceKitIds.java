package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.TraceID;
import javax.annotation.Nullable;

/**
 * The TraceKit form of an X-Ray {@link TraceID}: the same 128 bits, as two longs or as 32 hex
 * digits. The real X-Ray SDK's {@code TraceID} has no such methods, so ours keeps them
 * package-private (an app compiled against the shim must not find API that the real SDK lacks; see
 * the README, "Binary compatibility") and hands this class a {@link Reader} when it is initialized.
 * The glue in this package and the tests read the TraceKit form here.
 */
public final class TraceKitIds {
  /** Reads a trace id's numbers. Implemented inside {@link TraceID} only. */
  public interface Reader {
    /** The first 64 bits: the start time and the number's high 32 bits. */
    long high(TraceID id);

    /** The last 64 bits: the number's low 64 bits. */
    long low(TraceID id);

    /** The 128 bits as 32 lowercase hex digits. */
    String hex(TraceID id);
  }

  // Written once, by TraceID's static initializer, before any TraceID exists.
  @Nullable private static volatile Reader reader;

  private TraceKitIds() {}

  /** Called by {@link TraceID} when it is initialized; a second reader is refused. */
  public static synchronized void setReader(Reader r) {
    if (reader != null) {
      throw new IllegalStateException("TraceID's reader is already set");
    }
    reader = r;
  }

  /** Returns the first 64 bits of the TraceKit trace id: start time, number's high 32 bits. */
  public static long high(TraceID id) {
    return reader().high(id);
  }

  /** Returns the last 64 bits of the TraceKit trace id: the number's low 64 bits. */
  public static long low(TraceID id) {
    return reader().low(id);
  }

  /** Returns the 128-bit id as 32 lowercase hex digits, the TraceKit form. */
  public static String hex(TraceID id) {
    return reader().hex(id);
  }

  private static Reader reader() {
    Reader r = reader;
    if (r == null) {
      // Only when an id reached this thread without TraceID's initialization being visible here:
      // going through it (a static method) makes the reader it set visible.
      TraceID.invalid();
      r = reader;
      if (r == null) {
        throw new IllegalStateException("TraceID did not set its reader");
      }
    }
    return r;
  }
}

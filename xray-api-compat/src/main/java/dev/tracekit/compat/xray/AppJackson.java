package dev.tracekit.compat.xray;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The app's Jackson, as the shim uses it: whatever 2.x the app resolves. When that Jackson cannot
 * link (jackson-core, -databind and -annotations of different releases on the class path, which
 * fails inside Jackson with {@code NoSuchMethodError} or {@code NoClassDefFoundError}), the X-Ray
 * SDK throws into the app's first X-Ray call; the shim logs it once, with the versions found, and
 * goes on without what needed Jackson: sampling-rule files give way to X-Ray's default rule,
 * plugins record nothing, documents and metadata that need Jackson are left out. Not API.
 */
public final class AppJackson {
  private static final Logger LOGGER = Logger.getLogger(AppJackson.class.getName());
  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  /** A use of Jackson that may fail as Jackson does. */
  public interface Use<T> {
    T run() throws IOException;
  }

  private AppJackson() {}

  /**
   * Returns what {@code use} returns. A Jackson that cannot link is reported once and becomes an
   * {@link IOException}, which every caller already handles as unreadable or unwritable JSON.
   */
  public static <T> T use(Use<T> use) throws IOException {
    try {
      return use.run();
    } catch (LinkageError e) {
      throw unusable(e);
    }
  }

  /** Reports (once) that Jackson cannot link, and returns an IOException saying so. */
  public static IOException unusable(LinkageError e) {
    String problem = "the app's Jackson cannot be used (" + versions() + "): " + e;
    if (REPORTED.compareAndSet(false, true)) {
      LOGGER.log(
          Level.SEVERE,
          "X-Ray: "
              + problem
              + ". Its artifacts must be of one release: check with mvn dependency:tree"
              + " -Dincludes=com.fasterxml.jackson.core and align them (jackson-bom). X-Ray calls"
              + " keep working without what needs Jackson: sampling uses X-Ray's default rule,"
              + " plugins record nothing, metadata Jackson would write is left out.");
    }
    return new IOException(problem, e);
  }

  /** Returns the jackson-core and jackson-databind releases on the class path, as far as known. */
  static String versions() {
    return "jackson-core "
        + version("com.fasterxml.jackson.core.json.PackageVersion")
        + ", jackson-databind "
        + version("com.fasterxml.jackson.databind.cfg.PackageVersion");
  }

  private static String version(String packageVersion) {
    try {
      Class<?> type = Class.forName(packageVersion, true, AppJackson.class.getClassLoader());
      return String.valueOf(type.getField("VERSION").get(null));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return "unknown";
    }
  }
}

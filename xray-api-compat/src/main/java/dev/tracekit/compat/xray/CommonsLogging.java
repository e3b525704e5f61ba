package dev.tracekit.compat.xray;

import javax.annotation.Nullable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The commons-logging logs that the X-Ray SDK's public API exposes as fields. The shim itself logs
 * through {@code java.util.logging}; it brings commons-logging as the X-Ray SDK does, because X-Ray's
 * own modules (-sql, -metrics, -aws-sdk-v2, ...) log through it. An app may still have removed it:
 * then the field is null instead of the interface failing to load. Not API.
 */
public final class CommonsLogging {
  private CommonsLogging() {}

  /** Returns the commons-logging log named after {@code type}, or null without commons-logging. */
  @Nullable
  public static Log logFor(Class<?> type) {
    try {
      return LogFactory.getLog(type);
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }
}

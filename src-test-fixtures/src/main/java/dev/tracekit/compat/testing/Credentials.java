package dev.tracekit.compat.testing;

import dev.tracekit.compat.core.internal.SqlUrlRedaction;
import dev.tracekit.compat.core.internal.UrlRedaction;

/**
 * Removes from an X-Ray document's URLs the credentials the shim never puts in its spans, so that
 * the real SDK's documents and the shim's spans compare: SQL URLs and connection strings lose user
 * info and user/password/secret properties, HTTP URLs their user info and signature query values.
 * The rules are the shim's own, from tracekit-core (which has no X-Ray classes, so it sits beside
 * the real SDK as well as beside the shim).
 */
final class Credentials {
  private Credentials() {}

  /** Removes credentials from a JDBC URL or connection string. */
  static String stripSql(String url) {
    return SqlUrlRedaction.strip(url);
  }

  /** Removes user info and replaces signature query values by {@code REDACTED}; nothing else. */
  static String redactUrl(String url) {
    return UrlRedaction.redact(url);
  }
}

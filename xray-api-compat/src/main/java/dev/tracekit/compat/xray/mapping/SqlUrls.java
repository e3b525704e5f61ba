package dev.tracekit.compat.xray.mapping;

import dev.tracekit.compat.core.internal.SqlUrlRedaction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Removes credentials from JDBC URLs and connection strings (the rules of {@link SqlUrlRedaction}),
 * and finds the database they name.
 */
final class SqlUrls {
  private static final Pattern DATABASE = Pattern.compile("//[^/?;]+/([^/?;]+)");

  private SqlUrls() {}

  static String stripCredentials(String url) {
    return SqlUrlRedaction.strip(url);
  }

  @Nullable
  static String databaseName(String url) {
    Matcher m = DATABASE.matcher(url);
    return m.find() ? m.group(1) : null;
  }
}

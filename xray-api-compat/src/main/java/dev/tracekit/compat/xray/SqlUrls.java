package dev.tracekit.compat.xray;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/** Removes credentials from JDBC URLs and finds the database they name. */
final class SqlUrls {
  // user:password@ (or user@) right after "//".
  private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
  // password=..., user=... in query strings or ;-separated properties.
  private static final Pattern SECRET_PROPERTY =
      Pattern.compile("(?i)([?&;](?:password|pwd|user|username)=)[^&;]*");
  private static final Pattern DATABASE = Pattern.compile("//[^/?;]+/([^/?;]+)");

  private SqlUrls() {}

  static String stripCredentials(String url) {
    String stripped = USER_INFO.matcher(url).replaceFirst("//");
    return SECRET_PROPERTY.matcher(stripped).replaceAll("$1");
  }

  @Nullable
  static String databaseName(String url) {
    Matcher m = DATABASE.matcher(url);
    return m.find() ? m.group(1) : null;
  }
}

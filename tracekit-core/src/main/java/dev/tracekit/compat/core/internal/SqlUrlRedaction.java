package dev.tracekit.compat.core.internal;

import java.util.regex.Pattern;

/**
 * Removes credentials from JDBC URLs and connection strings before they go into a trace. Shared by
 * the X-Ray shim (span attributes, dual-written documents) and the test fixtures (which apply the
 * same rules to the real X-Ray SDK's documents so that trace shapes compare). Not API.
 *
 * <p>What goes: the user info after {@code //} (up to its last {@code @}, so an unencoded {@code @}
 * in a password goes too); Oracle's {@code user/password@}; and the values of user, password,
 * token and secret properties, whether in a query string ({@code ?password=…&}), {@code
 * ;}-separated properties (SQL Server, H2, DB2's {@code :user=…;}, ADO.NET-style {@code User
 * Id=…;Password=…}), or MySQL's {@code (password=…)} and {@code ,password=…} forms. A property keeps
 * its name with an empty value ({@code password=}). Nothing else of the text changes.
 */
public final class SqlUrlRedaction {
  // user[:password]@ right after "//", through the last "@" before the path or properties.
  private static final Pattern USER_INFO = Pattern.compile("//[^/?#;]*@");
  // Oracle: jdbc:oracle:thin:user/password@host…, …@//host…, …@(DESCRIPTION=…).
  private static final Pattern ORACLE_USER =
      Pattern.compile("(?i)^(jdbc:oracle:[a-z0-9]+:)(?:(?!//)[^(])*@");
  private static final String SECRET_KEY =
      "(?:user|username|user_name|userid|user\\s+id|uid"
          + "|[\\w.\\-]*(?:password|passwd|pwd|secret|token|apikey|api_key|credential)[\\w.\\-]*)";
  // key=value after the start, ?, &, ; or : (DB2); a {braced} SQL Server value may hold ";".
  private static final Pattern SECRET_PROPERTY =
      Pattern.compile("(?i)((?:^|[?&;:])\\s*" + SECRET_KEY + "\\s*=)(?:\\{[^}]*\\}?|[^&;#]*)");
  // MySQL's address-equals and key-value host forms: (password=…) and ,password=…
  private static final Pattern SECRET_GROUP_PROPERTY =
      Pattern.compile("(?i)([(,]\\s*" + SECRET_KEY + "\\s*=)[^),]*");

  private SqlUrlRedaction() {}

  /** Returns {@code url} without user info, Oracle credentials or secret property values. */
  public static String strip(String url) {
    String stripped = USER_INFO.matcher(url).replaceFirst("//");
    stripped = ORACLE_USER.matcher(stripped).replaceFirst("$1@");
    stripped = SECRET_PROPERTY.matcher(stripped).replaceAll("$1");
    return SECRET_GROUP_PROPERTY.matcher(stripped).replaceAll("$1");
  }
}

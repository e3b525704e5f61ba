package dev.tracekit.compat.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Removes from an X-Ray document's URLs the credentials the shim never puts in its spans, so that
 * the real SDK's documents and the shim's spans compare: SQL URLs and connection strings lose user
 * info and user/password/secret properties, HTTP URLs their user info and signature query values.
 * These are the shim's rules ({@code SqlUrls}, {@code UrlRedaction}), restated here because the
 * fixtures may run with the real SDK instead of the shim on the class path; the shared test
 * corpora hold both to the same cases.
 */
final class Credentials {
  private static final Pattern SQL_USER_INFO = Pattern.compile("//[^/?#;]*@");
  private static final Pattern ORACLE_USER =
      Pattern.compile("(?i)^(jdbc:oracle:[a-z0-9]+:)(?:(?!//)[^(])*@");
  private static final String SECRET_KEY =
      "(?:user|username|user_name|userid|user\\s+id|uid"
          + "|[\\w.\\-]*(?:password|passwd|pwd|secret|token|apikey|api_key|credential)[\\w.\\-]*)";
  private static final Pattern SECRET_PROPERTY =
      Pattern.compile("(?i)((?:^|[?&;:])\\s*" + SECRET_KEY + "\\s*=)(?:\\{[^}]*\\}?|[^&;#]*)");
  private static final Pattern SECRET_GROUP_PROPERTY =
      Pattern.compile("(?i)([(,]\\s*" + SECRET_KEY + "\\s*=)[^),]*");

  private static final Pattern URL_USER_INFO =
      Pattern.compile("^((?:[A-Za-z][A-Za-z0-9+.\\-]*:)?//)[^/?#]*@");
  private static final Set<String> SECRET_QUERY_PARAMETERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    SECRET_QUERY_PARAMETERS.addAll(
        Arrays.asList(
            "AWSAccessKeyId",
            "Signature",
            "sig",
            "X-Goog-Signature",
            "X-Amz-Signature",
            "X-Amz-Credential",
            "X-Amz-Security-Token"));
  }

  private Credentials() {}

  /** Removes credentials from a JDBC URL or connection string. */
  static String stripSql(String url) {
    String stripped = SQL_USER_INFO.matcher(url).replaceFirst("//");
    stripped = ORACLE_USER.matcher(stripped).replaceFirst("$1@");
    stripped = SECRET_PROPERTY.matcher(stripped).replaceAll("$1");
    return SECRET_GROUP_PROPERTY.matcher(stripped).replaceAll("$1");
  }

  /** Removes user info and replaces signature query values by {@code REDACTED}; nothing else. */
  static String redactUrl(String url) {
    String text = URL_USER_INFO.matcher(url).replaceFirst("$1");
    int question = text.indexOf('?');
    if (question < 0) {
      return text;
    }
    int hash = text.indexOf('#', question);
    int end = hash < 0 ? text.length() : hash;
    String[] parameters = text.substring(question + 1, end).split("&", -1);
    for (int i = 0; i < parameters.length; i++) {
      int equals = parameters[i].indexOf('=');
      if (equals >= 0 && SECRET_QUERY_PARAMETERS.contains(decode(parameters[i].substring(0, equals)))) {
        parameters[i] = parameters[i].substring(0, equals + 1) + "REDACTED";
      }
    }
    return text.substring(0, question + 1) + String.join("&", parameters) + text.substring(end);
  }

  private static String decode(String name) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      int high = c == '%' && i + 2 < name.length() ? Character.digit(name.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(name.charAt(i + 2), 16) : -1;
      if (low >= 0) {
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }
}

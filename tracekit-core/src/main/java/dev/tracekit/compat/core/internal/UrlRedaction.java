package dev.tracekit.compat.core.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Makes a URL fit for a trace, as the OpenTelemetry HTTP conventions ask for {@code url.full}: user
 * info removed, and the values of query parameters that carry signatures or credentials replaced by
 * {@code REDACTED}. The rest of the text is left exactly as it was (no normalization), so that the
 * same URL recorded elsewhere still compares. Not API.
 */
public final class UrlRedaction {
  /** What replaces a secret value. */
  public static final String REDACTED = "REDACTED";

  /** Query parameters whose values are secrets: those of the conventions plus AWS SigV4's. */
  private static final Set<String> SECRET_QUERY_PARAMETERS = secretQueryParameters();

  // [scheme:]//user[:password]@ at the start: user info is part of the authority only.
  private static final Pattern USER_INFO =
      Pattern.compile("^((?:[A-Za-z][A-Za-z0-9+.\\-]*:)?//)[^/?#]*@");

  private UrlRedaction() {}

  /**
   * Returns {@code url} without user info and with secret query values replaced; the same instance
   * when there is nothing to redact. Works on any text, whether or not it parses as a URL.
   */
  public static String redact(String url) {
    String text = USER_INFO.matcher(url).replaceFirst("$1");
    int question = text.indexOf('?');
    if (question < 0) {
      return text.length() == url.length() ? url : text;
    }
    int hash = text.indexOf('#', question);
    int end = hash < 0 ? text.length() : hash;
    String[] parameters = text.substring(question + 1, end).split("&", -1);
    boolean changed = false;
    for (int i = 0; i < parameters.length; i++) {
      int equals = parameters[i].indexOf('=');
      if (equals >= 0 && SECRET_QUERY_PARAMETERS.contains(decode(parameters[i].substring(0, equals)))) {
        String redacted = parameters[i].substring(0, equals + 1) + REDACTED;
        changed |= !redacted.equals(parameters[i]);
        parameters[i] = redacted;
      }
    }
    if (!changed) {
      return text.length() == url.length() ? url : text;
    }
    return text.substring(0, question + 1) + String.join("&", parameters) + text.substring(end);
  }

  /** Decodes a query parameter name ({@code %XX} as UTF-8, {@code +} as a space). */
  private static String decode(String name) {
    if (name.indexOf('%') < 0 && name.indexOf('+') < 0) {
      return name;
    }
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

  private static Set<String> secretQueryParameters() {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(
        Arrays.asList(
            "AWSAccessKeyId",
            "Signature",
            "sig",
            "X-Goog-Signature",
            "X-Amz-Signature",
            "X-Amz-Credential",
            "X-Amz-Security-Token"));
    return Collections.unmodifiableSet(names);
  }
}

package dev.tracekit.compat.core.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Makes a URL fit for a trace, as the OpenTelemetry HTTP conventions ask for {@code url.full}: user
 * info removed, and the values of query parameters that carry signatures or credentials replaced by
 * {@code REDACTED}. Not API.
 */
public final class UrlRedaction {
  /** What replaces a secret value. */
  public static final String REDACTED = "REDACTED";

  /** Query parameters whose values are secrets: those of the conventions plus AWS SigV4's. */
  private static final Set<String> SECRET_QUERY_PARAMETERS = secretQueryParameters();

  // For text HttpUrl cannot parse: user info between "//" and the host.
  private static final Pattern USER_INFO = Pattern.compile("//[^/?#]*@");

  private UrlRedaction() {}

  /**
   * Returns {@code url} redacted, or unchanged (not even normalized) when there is nothing to
   * redact; text that is not an http(s) URL only loses its user info.
   */
  public static String redact(String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      return USER_INFO.matcher(url).replaceFirst("//");
    }
    boolean userInfo = !parsed.encodedUsername().isEmpty() || !parsed.encodedPassword().isEmpty();
    return userInfo || hasSecretQueryParameter(parsed) ? redact(parsed) : url;
  }

  /** Returns {@code url} without user info and with secret query values replaced. */
  public static String redact(HttpUrl url) {
    HttpUrl.Builder builder = null;
    if (!url.encodedUsername().isEmpty() || !url.encodedPassword().isEmpty()) {
      builder = url.newBuilder().username("").password("");
    }
    if (hasSecretQueryParameter(url)) {
      if (builder == null) {
        builder = url.newBuilder();
      }
      builder.query(null);
      for (int i = 0; i < url.querySize(); i++) {
        String name = url.queryParameterName(i);
        String value = url.queryParameterValue(i);
        builder.addQueryParameter(
            name, value != null && SECRET_QUERY_PARAMETERS.contains(name) ? REDACTED : value);
      }
    }
    return builder == null ? url.toString() : builder.build().toString();
  }

  private static boolean hasSecretQueryParameter(HttpUrl url) {
    for (int i = 0; i < url.querySize(); i++) {
      if (SECRET_QUERY_PARAMETERS.contains(url.queryParameterName(i))) {
        return true;
      }
    }
    return false;
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

package dev.tracekit.compat.core.secrets;

import java.util.Locale;

/**
 * The secrets tests plant: API keys, passwords, tokens, cookies. Each one contains {@link #MARKER},
 * a string that occurs nowhere else, so that {@link SecretLeakGuard} can search the whole suite's
 * output for it: any test that configures an API key uses {@link #API_KEY} or {@link #apiKey}, and
 * any test that plants another secret builds it with {@link #secret}.
 *
 * <p>The marker is plain lower-case letters and digits: it survives URL and JSON encoding, is
 * allowed in HTTP header values, cookies and JDBC URLs, and is searched for case-insensitively.
 */
public final class TestSecrets {
  /** Part of every planted secret; the suite's logs and output must never contain it. */
  public static final String MARKER = "sekr3tcanary";

  /** The API key tests configure unless they need several. */
  public static final String API_KEY = apiKey("0123456789abcdef");

  private TestSecrets() {}

  /** Returns an API key in TraceKit's shape ({@code tk_live_…}) that contains the marker. */
  public static String apiKey(String suffix) {
    return "tk_live_" + MARKER + "_" + suffix;
  }

  /** Returns a secret (a password, token, cookie value…) named {@code what}, containing the marker. */
  public static String secret(String what) {
    return MARKER + "_" + what;
  }

  /** True when {@code text} contains the marker, in any case. */
  public static boolean containsSecret(CharSequence text) {
    return text != null && text.toString().toLowerCase(Locale.ROOT).contains(MARKER);
  }
}

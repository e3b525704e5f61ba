package dev.tracekit.compat.core.secrets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * URLs as applications record them, carrying planted credentials in user info or in signature and
 * credential query parameters, each with the URL a trace may show: the same text without them.
 * Shared by the core's and the test fixtures' tests, which must redact them alike.
 */
public final class UrlCorpus {
  /** One URL with credentials and what is left once they are redacted. */
  public static final class Case {
    public final String url;
    public final String redacted;

    Case(String url, String redacted) {
      this.url = url;
      this.redacted = redacted;
    }

    @Override
    public String toString() {
      return url.replace(TestSecrets.MARKER, "…");
    }
  }

  private static final String SECRET = TestSecrets.secret("url");

  private UrlCorpus() {}

  /** Returns every case. */
  public static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    add(cases, "https://alice:%S@shop.example.com/cart", "https://shop.example.com/cart");
    add(cases, "https://%S@shop.example.com/cart?id=1", "https://shop.example.com/cart?id=1");
    add(cases, "HTTPS://alice:p@ss%S@Shop.Example.com:443/a", "HTTPS://Shop.Example.com:443/a");
    add(cases,
        "https://s3.amazonaws.com/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%S"
            + "&X-Amz-Expires=60&X-Amz-Signature=%S",
        "https://s3.amazonaws.com/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=REDACTED"
            + "&X-Amz-Expires=60&X-Amz-Signature=REDACTED");
    add(cases, "https://s3.amazonaws.com/b/k?AWSAccessKeyId=%S&Expires=1&Signature=%S",
        "https://s3.amazonaws.com/b/k?AWSAccessKeyId=REDACTED&Expires=1&Signature=REDACTED");
    add(cases, "https://storage.googleapis.com/b/o?X-Goog-Signature=%S&x=1",
        "https://storage.googleapis.com/b/o?X-Goog-Signature=REDACTED&x=1");
    add(cases, "https://acct.blob.core.windows.net/c/b?sv=2020-08-04&sig=%S",
        "https://acct.blob.core.windows.net/c/b?sv=2020-08-04&sig=REDACTED");
    add(cases, "https://h/p?x-amz-signature=%S", "https://h/p?x-amz-signature=REDACTED");
    add(cases, "https://h/p?X%2DAmz%2DSignature=%S", "https://h/p?X%2DAmz%2DSignature=REDACTED");
    add(cases, "https://h/p?X-Amz-Security-Token=%S#section", "https://h/p?X-Amz-Security-Token=REDACTED#section");
    add(cases, "https://u:%S@h/p?a=1&sig=%S&b=2", "https://h/p?a=1&sig=REDACTED&b=2");
    add(cases, "/relative/path?sig=%S", "/relative/path?sig=REDACTED");
    add(cases, "https://h/p?next=//bob@elsewhere/&sig=%S", "https://h/p?next=//bob@elsewhere/&sig=REDACTED");
    return Collections.unmodifiableList(cases);
  }

  /** URLs without credentials: redaction returns them as they are, without normalizing them. */
  public static List<String> clean() {
    List<String> urls = new ArrayList<>();
    urls.add("https://Shop.Example.com:443/cart?id=1&q=a+b%20c");
    urls.add("http://127.0.0.1:8080/orders");
    urls.add("https://h/p?sig&signature_method=HMAC");
    urls.add("not a url at all");
    urls.add("https://h/p#sig=fragment-only");
    return Collections.unmodifiableList(urls);
  }

  private static void add(List<Case> cases, String template, String redacted) {
    cases.add(new Case(template.replace("%S", SECRET), redacted));
  }
}

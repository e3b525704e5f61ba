package dev.tracekit.compat.core.internal;

import java.util.Locale;

/**
 * Decides, without a DNS lookup, whether a URL host names this machine: {@code localhost} (and
 * {@code *.localhost}), 127.0.0.0/8 in dotted-quad form, and {@code ::1}. Anything else, including
 * other spellings of a loopback address, counts as remote. Used to allow plain {@code http://}
 * only to loopback. Not API.
 */
public final class LoopbackHosts {
  private LoopbackHosts() {}

  /** Returns true when {@code host} (as OkHttp's {@code HttpUrl.host()} gives it) is loopback. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1")) {
      return true;
    }
    if (!h.startsWith("127.")) {
      return false;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}

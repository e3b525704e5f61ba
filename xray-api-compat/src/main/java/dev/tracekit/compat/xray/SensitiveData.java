package dev.tracekit.compat.xray;

import dev.tracekit.compat.core.internal.SqlUrlRedaction;
import dev.tracekit.compat.core.internal.UrlRedaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Removes secrets from what an entity's {@code http} and {@code sql} maps would send out of the
 * process (the X-Ray documents an emitter sends; span attributes are built from the known fields
 * only): credential headers anywhere in the {@code http} map become {@value UrlRedaction#REDACTED},
 * URLs lose their user info and signature query values, and SQL URLs and connection strings lose
 * their credentials. The entity's own maps are never changed: {@code getHttp()} and {@code
 * serialize()} still show what the application recorded, as with the X-Ray SDK.
 */
final class SensitiveData {
  /** Request and response headers that carry credentials, lower-case, {@code _} read as {@code -}. */
  private static final Set<String> CREDENTIAL_HEADERS =
      Collections.unmodifiableSet(
          new HashSet<>(
              Arrays.asList(
                  "authorization",
                  "proxy-authorization",
                  "cookie",
                  "set-cookie",
                  "x-api-key",
                  "x-amz-security-token")));

  /** A header line, {@code Name: value}, as some apps record header lists. */
  private static final Pattern HEADER_LINE = Pattern.compile("^\\s*([A-Za-z0-9_\\-]+)\\s*:");

  private SensitiveData() {}

  /** Returns {@code http} without secrets: the same map when it has none, else a copy. */
  static Map<String, Object> http(Map<String, Object> http) {
    @SuppressWarnings("unchecked")
    Map<String, Object> redacted = (Map<String, Object>) redact(http, null);
    return redacted;
  }

  /** Returns {@code sql} with its {@code url} and {@code connection_string} stripped. */
  static Map<String, Object> sql(Map<String, Object> sql) {
    Map<String, Object> copy = null;
    for (String key : new String[] {"url", "connection_string"}) {
      Object value = sql.get(key);
      if (value instanceof String) {
        String stripped = SqlUrlRedaction.strip((String) value);
        if (!stripped.equals(value)) {
          if (copy == null) {
            copy = new LinkedHashMap<>(sql);
          }
          copy.put(key, stripped);
        }
      }
    }
    return copy == null ? sql : copy;
  }

  /** True for a header name that carries credentials, in any case, with {@code _} or {@code -}. */
  static boolean isCredentialHeader(@Nullable Object name) {
    return name != null
        && CREDENTIAL_HEADERS.contains(
            String.valueOf(name).trim().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /** Returns {@code value} redacted; {@code key} is the map key it sits under, if any. */
  @Nullable
  private static Object redact(@Nullable Object value, @Nullable Object key) {
    if (isCredentialHeader(key)) {
      return value == null ? null : UrlRedaction.REDACTED;
    }
    if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      Map<Object, Object> copy = null;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object redacted = redact(entry.getValue(), entry.getKey());
        if (redacted != entry.getValue() && copy == null) {
          copy = new LinkedHashMap<>(map);
        }
        if (copy != null) {
          copy.put(entry.getKey(), redacted);
        }
      }
      return copy == null ? value : copy;
    }
    if (value instanceof List || value instanceof Object[]) {
      List<?> list = value instanceof List ? (List<?>) value : Arrays.asList((Object[]) value);
      List<Object> copy = null;
      for (int i = 0; i < list.size(); i++) {
        Object redacted = redact(list.get(i), null);
        if (redacted != list.get(i) && copy == null) {
          copy = new ArrayList<>(list);
        }
        if (copy != null) {
          copy.set(i, redacted);
        }
      }
      return copy == null ? value : copy;
    }
    if (value instanceof String) {
      String text = (String) value;
      if ("url".equals(key)) {
        return UrlRedaction.redact(text);
      }
      Matcher line = HEADER_LINE.matcher(text);
      if (line.find() && isCredentialHeader(line.group(1))) {
        return line.group(1) + ": " + UrlRedaction.REDACTED;
      }
    }
    return value;
  }
}

package com.amazonaws.xray.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import javax.annotation.Nullable;

/**
 * Reads the instance identity document from the EC2 instance metadata service (IMDS): an IMDSv2
 * token ({@code PUT /latest/api/token}), then {@code GET
 * /latest/dynamic/instance-identity/document} with it, or without it (IMDSv1) when the token
 * request is answered with an error. The endpoint is the system property {@value
 * #ENDPOINT_PROPERTY}, else the environment variable {@code IMDS_ENDPOINT} (as in the X-Ray SDK),
 * else {@value #DEFAULT_ENDPOINT}; a {@code host[:port]} or an {@code http://} URL. The whole
 * lookup is bounded by {@code tracekit.xray.plugins.timeoutMillis} (default 2 s); it never throws.
 */
final class EC2MetadataFetcher {
  static final String ENDPOINT_PROPERTY = PluginSupport.PROPERTY_PREFIX + "ec2.endpoint";
  static final String ENDPOINT_ENVIRONMENT = "IMDS_ENDPOINT";
  static final String DEFAULT_ENDPOINT = "169.254.169.254";
  // IMDS is link-local: when it is there it answers within milliseconds; when it is not, a
  // connection attempt must not hold up the application's start for long.
  private static final int CONNECT_TIMEOUT_MILLIS = 250;
  private static final String TOKEN_TTL_SECONDS = "60";

  /** The identity-document fields the EC2 plugin records. */
  enum EC2Metadata {
    INSTANCE_ID("instanceId"),
    AVAILABILITY_ZONE("availabilityZone"),
    INSTANCE_TYPE("instanceType"),
    AMI_ID("imageId");

    final String documentField;

    EC2Metadata(String documentField) {
      this.documentField = documentField;
    }
  }

  @Nullable private final String baseUrl;
  private final boolean configured;
  private final long timeoutMillis;

  EC2MetadataFetcher() {
    this(
        PluginSupport.setting(ENDPOINT_PROPERTY, ENDPOINT_ENVIRONMENT),
        PluginSupport.timeoutMillis());
  }

  EC2MetadataFetcher(@Nullable String endpoint, long timeoutMillis) {
    this(endpoint != null ? endpoint : DEFAULT_ENDPOINT, endpoint != null, timeoutMillis);
  }

  /**
   * Uses {@code endpoint}; {@code configured} says whether it was chosen (then it is called on any
   * host) or is the default (then only where the host looks like EC2).
   */
  EC2MetadataFetcher(String endpoint, boolean configured, long timeoutMillis) {
    this.baseUrl = baseUrl(endpoint);
    this.configured = configured;
    this.timeoutMillis = timeoutMillis;
  }

  /** Returns true when the endpoint was configured rather than the default. */
  boolean isEndpointConfigured() {
    return configured;
  }

  /** Returns the fields found, empty when IMDS is not there or answers nonsense. */
  Map<EC2Metadata, String> fetch() {
    if (baseUrl == null) {
      return Collections.emptyMap();
    }
    MetadataClient.Deadline deadline = MetadataClient.Deadline.afterMillis(timeoutMillis);
    try {
      String token = fetchToken(deadline);
      Map<String, String> headers =
          token == null
              ? Collections.<String, String>emptyMap()
              : Collections.singletonMap("X-aws-ec2-metadata-token", token);
      MetadataClient.Response response =
          MetadataClient.get(
              new URL(baseUrl + "/latest/dynamic/instance-identity/document"),
              headers,
              CONNECT_TIMEOUT_MILLIS,
              deadline);
      if (!response.isSuccessful()) {
        PluginSupport.LOGGER.log(
            Level.WARNING,
            "EC2 instance metadata answered HTTP " + response.status + "; ignoring it");
        return Collections.emptyMap();
      }
      return parse(response.body);
    } catch (IOException e) {
      PluginSupport.LOGGER.log(Level.FINE, "No EC2 instance metadata at " + baseUrl + ": " + e);
      return Collections.emptyMap();
    }
  }

  /**
   * Returns an IMDSv2 token, or null when the service answers the request with an error (IMDSv1
   * only). Throws when it does not answer at all: then there is no IMDS to ask.
   */
  @Nullable
  private String fetchToken(MetadataClient.Deadline deadline) throws IOException {
    MetadataClient.Response response =
        MetadataClient.send(
            "PUT",
            new URL(baseUrl + "/latest/api/token"),
            Collections.singletonMap("X-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS),
            CONNECT_TIMEOUT_MILLIS,
            deadline,
            null);
    String token = response.body.trim();
    if (!response.isSuccessful() || token.isEmpty() || !isHeaderSafe(token)) {
      return null;
    }
    return token;
  }

  private static Map<EC2Metadata, String> parse(String document) {
    JsonNode root;
    try {
      root = PluginSupport.readTree(document);
    } catch (IOException e) {
      PluginSupport.LOGGER.log(
          Level.WARNING, "EC2 instance identity document is not JSON; ignoring it");
      return Collections.emptyMap();
    }
    Map<EC2Metadata, String> metadata = new EnumMap<>(EC2Metadata.class);
    if (root != null && root.isObject()) {
      for (EC2Metadata field : EC2Metadata.values()) {
        JsonNode value = root.get(field.documentField);
        if (value != null && value.isTextual()) {
          metadata.put(field, value.textValue());
        }
      }
    }
    return metadata;
  }

  private static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  @Nullable
  private static String baseUrl(String endpoint) {
    String url = endpoint.contains("://") ? endpoint : "http://" + endpoint;
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    try {
      new URL(url);
      return url;
    } catch (MalformedURLException e) {
      PluginSupport.LOGGER.log(
          Level.WARNING, "Ignoring the IMDS endpoint " + endpoint + ": " + e.getMessage());
      return null;
    }
  }
}

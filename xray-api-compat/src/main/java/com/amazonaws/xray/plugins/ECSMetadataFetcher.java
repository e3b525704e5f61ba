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
 * Reads this container's metadata from the ECS task metadata endpoint ({@code GET} of the container
 * metadata URI itself), within a bounded time. Never throws.
 */
final class ECSMetadataFetcher {
  /** Overrides the container metadata URI the ECS agent sets in the environment. */
  static final String URI_PROPERTY = PluginSupport.PROPERTY_PREFIX + "ecs.metadataUri";

  static final String URI_V4_ENVIRONMENT = "ECS_CONTAINER_METADATA_URI_V4";
  static final String URI_V3_ENVIRONMENT = "ECS_CONTAINER_METADATA_URI";

  /** The container metadata fields the ECS plugin records. */
  enum ECSContainerMetadata {
    LOG_DRIVER,
    LOG_GROUP_REGION,
    LOG_GROUP_NAME,
    CONTAINER_ARN
  }

  private final String uri;
  private final long timeoutMillis;

  ECSMetadataFetcher(String uri, long timeoutMillis) {
    this.uri = uri;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Returns a fetcher for the URI configured in this process ({@value #URI_PROPERTY}, else {@code
   * ECS_CONTAINER_METADATA_URI_V4}, else {@code ECS_CONTAINER_METADATA_URI}), or null off ECS or
   * when that is not an {@code http://} URL (with a warning).
   */
  @Nullable
  static ECSMetadataFetcher fromEnvironment() {
    String uri = PluginSupport.setting(URI_PROPERTY, URI_V4_ENVIRONMENT);
    if (uri == null) {
      uri = PluginSupport.setting(URI_PROPERTY, URI_V3_ENVIRONMENT);
    }
    if (uri == null) {
      return null;
    }
    try {
      new URL(uri);
    } catch (MalformedURLException e) {
      // The X-Ray SDK's plugin throws IllegalArgumentException into the app here.
      PluginSupport.LOGGER.log(
          Level.WARNING, "The ECS container metadata address is not a URL (" + e.getMessage()
              + "); the ECS plugin records nothing");
      return null;
    }
    if (!uri.startsWith("http://")) {
      // The ECS agent's addresses are http://; the X-Ray SDK's plugin takes no other.
      PluginSupport.LOGGER.log(
          Level.WARNING, "The ECS container metadata address " + uri
              + " is not an http:// URL; the ECS plugin records nothing");
      return null;
    }
    return new ECSMetadataFetcher(uri, PluginSupport.timeoutMillis());
  }

  /** Returns the fields found; empty when the endpoint does not answer with container metadata. */
  Map<ECSContainerMetadata, String> fetchContainer() {
    JsonNode root;
    try {
      MetadataClient.Response response =
          MetadataClient.get(
              new URL(uri),
              Collections.<String, String>emptyMap(),
              PluginSupport.CONNECT_TIMEOUT_MILLIS,
              MetadataClient.Deadline.afterMillis(timeoutMillis));
      if (!response.isSuccessful()) {
        PluginSupport.LOGGER.log(
            Level.WARNING,
            "ECS container metadata answered HTTP " + response.status + "; ignoring it");
        return Collections.emptyMap();
      }
      root = PluginSupport.readTree(response.body);
    } catch (IOException | RuntimeException e) {
      PluginSupport.LOGGER.log(Level.WARNING, "No ECS container metadata from " + uri + ": " + e);
      return Collections.emptyMap();
    }
    Map<ECSContainerMetadata, String> metadata = new EnumMap<>(ECSContainerMetadata.class);
    if (root == null || !root.isObject()) {
      return metadata;
    }
    putText(metadata, ECSContainerMetadata.LOG_DRIVER, root.get("LogDriver"));
    putText(metadata, ECSContainerMetadata.CONTAINER_ARN, root.get("ContainerARN"));
    JsonNode options = root.get("LogOptions");
    if (options != null && options.isObject()) {
      putText(metadata, ECSContainerMetadata.LOG_GROUP_NAME, options.get("awslogs-group"));
      putText(metadata, ECSContainerMetadata.LOG_GROUP_REGION, options.get("awslogs-region"));
    }
    return metadata;
  }

  private static void putText(
      Map<ECSContainerMetadata, String> metadata,
      ECSContainerMetadata key,
      @Nullable JsonNode value) {
    if (value != null && value.isTextual() && !value.textValue().isEmpty()) {
      metadata.put(key, value.textValue());
    }
  }
}

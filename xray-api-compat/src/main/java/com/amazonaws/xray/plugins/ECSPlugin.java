package com.amazonaws.xray.plugins;

import com.amazonaws.xray.entities.AWSLogReference;
import com.amazonaws.xray.plugins.ECSMetadataFetcher.ECSContainerMetadata;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Records the ECS container the service runs in: runtime context {@code container} (the host name),
 * {@code container_id} (from {@code /proc/self/cgroup}, or the system property {@code
 * tracekit.xray.plugins.cgroupPath}) and {@code container_arn}, and the {@code awslogs} log group
 * as a log reference, from the task metadata endpoint named by {@code
 * ECS_CONTAINER_METADATA_URI_V4} (else {@code ECS_CONTAINER_METADATA_URI}; the system property
 * {@code tracekit.xray.plugins.ecs.metadataUri} overrides both). With TraceKit these also become
 * the resource attributes {@code cloud.platform=aws_ecs}, {@code container.id}, {@code
 * aws.ecs.container.arn} and {@code cloud.region}.
 *
 * <p>Enabled when that URI is an {@code http://} URL, as in X-Ray; the endpoint is called once, on
 * the first call that needs it, within a bounded time. Nothing here throws: an address that is not
 * a URL, which makes X-Ray's plugin throw, leaves it disabled with a warning.
 */
public class ECSPlugin implements Plugin {
  public static final String ORIGIN = "AWS::ECS::Container";

  private static final String SERVICE_NAME = "ecs";

  @Nullable private final ECSMetadataFetcher fetcher;
  private final Path cgroupPath;
  private final Map<String, Object> runtimeContext = new HashMap<>();
  private final Set<AWSLogReference> logReferences = new HashSet<>();
  @Nullable private Map<ECSContainerMetadata, String> containerMetadata;
  private boolean logReferencesRead;

  public ECSPlugin() {
    this(ECSMetadataFetcher.fromEnvironment(), PluginSupport.cgroupPath());
  }

  /** Uses {@code fetcher} for the task metadata endpoint; null means not on ECS. */
  ECSPlugin(@Nullable ECSMetadataFetcher fetcher, Path cgroupPath) {
    this.fetcher = fetcher;
    this.cgroupPath = cgroupPath;
  }

  /** Returns true when the ECS container metadata URI is set to an {@code http://} URL, as in X-Ray. */
  @Override
  public boolean isEnabled() {
    return fetcher != null;
  }

  @Override
  public String getServiceName() {
    return SERVICE_NAME;
  }

  /** Fills the runtime context, reading the container metadata first if needed. */
  public void populateRuntimeContext() {
    synchronized (this) {
      String hostName = PluginSupport.hostName();
      if (hostName != null) {
        runtimeContext.put("container", hostName);
      }
      runtimeContext.put("container_id", PluginSupport.containerId(cgroupPath));
      String arn = containerMetadata().get(ECSContainerMetadata.CONTAINER_ARN);
      if (arn != null) {
        runtimeContext.put("container_arn", arn);
      }
    }
  }

  @Override
  public Map<String, Object> getRuntimeContext() {
    synchronized (this) {
      if (runtimeContext.isEmpty()) {
        populateRuntimeContext();
      }
      return runtimeContext;
    }
  }

  /**
   * Returns the container's {@code awslogs} group, with its ARN when the region and account (from
   * the container ARN) are known.
   */
  @Override
  public Set<AWSLogReference> getLogReferences() {
    synchronized (this) {
      if (!logReferencesRead) {
        logReferencesRead = true;
        Map<ECSContainerMetadata, String> metadata = containerMetadata();
        String group = metadata.get(ECSContainerMetadata.LOG_GROUP_NAME);
        if (group != null) {
          AWSLogReference reference = new AWSLogReference();
          reference.setLogGroup(group);
          String region = metadata.get(ECSContainerMetadata.LOG_GROUP_REGION);
          String account = accountOf(metadata.get(ECSContainerMetadata.CONTAINER_ARN));
          if (region != null && account != null) {
            reference.setArn("arn:aws:logs:" + region + ":" + account + ":log-group:" + group);
          }
          logReferences.add(reference);
        }
      }
      return logReferences;
    }
  }

  @Override
  public String getOrigin() {
    return ORIGIN;
  }

  /** Plugins are equal when their origins are, as in the X-Ray SDK. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Plugin && ORIGIN.equals(((Plugin) o).getOrigin());
  }

  @Override
  public int hashCode() {
    return ORIGIN.hashCode();
  }

  private synchronized Map<ECSContainerMetadata, String> containerMetadata() {
    if (containerMetadata == null) {
      containerMetadata =
          fetcher == null
              ? Collections.<ECSContainerMetadata, String>emptyMap()
              : fetcher.fetchContainer();
    }
    return containerMetadata;
  }

  /** Returns the account of an ARN ({@code arn:aws:ecs:region:account:…}), or null. */
  @Nullable
  private static String accountOf(@Nullable String arn) {
    if (arn == null) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    return parts.length >= 5 && !parts[4].isEmpty() ? parts[4] : null;
  }
}

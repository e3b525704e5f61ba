package com.amazonaws.xray.plugins;

import com.amazonaws.xray.entities.AWSLogReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Records the EKS pod the service runs in: runtime context {@code pod} (the host name), {@code
 * cluster_name} and {@code container_id}, and the Container Insights application log group as a log
 * reference. The cluster name is the one given, else the one Container Insights stores in the
 * {@code amazon-cloudwatch/cluster-info} config map, read from the Kubernetes API with the pod's
 * service account. With TraceKit these also become the resource attributes {@code
 * cloud.platform=aws_eks}, {@code k8s.cluster.name}, {@code k8s.pod.name} and {@code container.id}.
 *
 * <p>Enabled when the service-account token exists. Overrides (system properties): {@value
 * #SERVICE_ACCOUNT_PROPERTY} (default {@value #DEFAULT_SERVICE_ACCOUNT_DIR}), {@value
 * #API_URL_PROPERTY} (default {@value #DEFAULT_API_URL}), {@code tracekit.xray.plugins.cgroupPath}
 * and {@code tracekit.xray.plugins.timeoutMillis}. The API is called once, on the first call that
 * needs the cluster name, within a bounded time. Nothing here throws.
 */
public class EKSPlugin implements Plugin {
  public static final String ORIGIN = "AWS::EKS::Container";

  static final String SERVICE_ACCOUNT_PROPERTY =
      PluginSupport.PROPERTY_PREFIX + "eks.serviceAccountDir";
  static final String DEFAULT_SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
  static final String API_URL_PROPERTY = PluginSupport.PROPERTY_PREFIX + "eks.apiUrl";
  static final String DEFAULT_API_URL = "https://kubernetes.default.svc";

  private static final String SERVICE_NAME = "eks";
  private static final String LOG_GROUP_FORMAT = "/aws/containerinsights/%s/application";

  private final Path serviceAccountDir;
  private final String apiUrl;
  private final Path cgroupPath;
  private final long timeoutMillis;
  private final Map<String, Object> runtimeContext = new HashMap<>();
  private final Set<AWSLogReference> logReferences = new HashSet<>();
  @Nullable private String clusterName;
  private boolean clusterNameLookedUp;
  private boolean logReferencesRead;

  public EKSPlugin() {
    this(null);
  }

  /** Records {@code clusterName} instead of asking the Kubernetes API for it. */
  public EKSPlugin(@Nullable String clusterName) {
    this(
        clusterName,
        Paths.get(setting(SERVICE_ACCOUNT_PROPERTY, DEFAULT_SERVICE_ACCOUNT_DIR)),
        setting(API_URL_PROPERTY, DEFAULT_API_URL),
        PluginSupport.cgroupPath(),
        PluginSupport.timeoutMillis());
  }

  EKSPlugin(
      @Nullable String clusterName,
      Path serviceAccountDir,
      String apiUrl,
      Path cgroupPath,
      long timeoutMillis) {
    this.clusterName = clusterName;
    this.clusterNameLookedUp = clusterName != null;
    this.serviceAccountDir = serviceAccountDir;
    this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    this.cgroupPath = cgroupPath;
    this.timeoutMillis = timeoutMillis;
  }

  /** Returns true when the pod's service-account token exists. */
  @Override
  public boolean isEnabled() {
    return Files.isRegularFile(serviceAccountDir.resolve("token"));
  }

  /**
   * Returns the Container Insights application log group of the cluster, when its name is known.
   */
  @Override
  public Set<AWSLogReference> getLogReferences() {
    synchronized (this) {
      if (!logReferencesRead) {
        logReferencesRead = true;
        String cluster = clusterName();
        if (cluster != null && !cluster.isEmpty()) {
          AWSLogReference reference = new AWSLogReference();
          reference.setLogGroup(String.format(LOG_GROUP_FORMAT, cluster));
          logReferences.add(reference);
        }
      }
      return logReferences;
    }
  }

  @Override
  public String getServiceName() {
    return SERVICE_NAME;
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

  /** Fills the runtime context, asking the Kubernetes API for the cluster name first if needed. */
  public void populateRuntimeContext() {
    synchronized (this) {
      runtimeContext.put("cluster_name", clusterName());
      String hostName = PluginSupport.hostName();
      if (hostName != null) {
        runtimeContext.put("pod", hostName);
      }
      runtimeContext.put("container_id", PluginSupport.containerId(cgroupPath));
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

  @Nullable
  private synchronized String clusterName() {
    if (!clusterNameLookedUp) {
      clusterNameLookedUp = true;
      if (isEnabled()) {
        clusterName = KubernetesClusterName.fetch(serviceAccountDir, apiUrl, timeoutMillis);
      }
    }
    return clusterName;
  }

  private static String setting(String property, String defaultValue) {
    String value = PluginSupport.setting(property, null);
    return value != null ? value : defaultValue;
  }
}

package com.amazonaws.xray.plugins;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;

/**
 * Records the Elastic Beanstalk environment the service runs in: its runtime context is the JSON
 * object of {@value #DEFAULT_CONFIG_PATH} ({@code deployment_id}, {@code version_label}, {@code
 * environment_name}), a path the system property {@value #CONFIG_PATH_PROPERTY} overrides. With
 * TraceKit these also become the resource attributes {@code cloud.platform=aws_elastic_beanstalk},
 * {@code service.instance.id} (deployment id) and {@code service.version} (version label, unless
 * {@code TRACEKIT_SERVICE_VERSION} is set).
 *
 * <p>Enabled when the file exists; it is read once, on the first call that needs it. An unreadable
 * or malformed file gives an empty runtime context. Nothing here throws.
 */
public class ElasticBeanstalkPlugin implements Plugin {
  public static final String ORIGIN = "AWS::ElasticBeanstalk::Environment";

  static final String CONFIG_PATH_PROPERTY = PluginSupport.PROPERTY_PREFIX + "beanstalk.configPath";
  static final String DEFAULT_CONFIG_PATH = "/var/elasticbeanstalk/xray/environment.conf";

  private static final String SERVICE_NAME = "elastic_beanstalk";
  private static final TypeReference<HashMap<String, Object>> MAP_TYPE =
      new TypeReference<HashMap<String, Object>>() {};

  private final Path configPath;
  private Map<String, Object> runtimeContext = new HashMap<>();
  private boolean read;

  public ElasticBeanstalkPlugin() {
    this(Paths.get(configPath()));
  }

  ElasticBeanstalkPlugin(Path configPath) {
    this.configPath = configPath;
  }

  @Override
  public String getServiceName() {
    return SERVICE_NAME;
  }

  /** Returns true when the environment configuration file exists. */
  @Override
  public boolean isEnabled() {
    return Files.exists(configPath);
  }

  /** Reads the environment configuration file into the runtime context. */
  public void populateRuntimeContext() {
    synchronized (this) {
      read = true;
      if (!Files.exists(configPath)) {
        runtimeContext = new HashMap<>();
        return;
      }
      try {
        HashMap<String, Object> values =
            PluginSupport.read(PluginSupport.readSmallFile(configPath), MAP_TYPE);
        runtimeContext = values != null ? values : new HashMap<String, Object>();
      } catch (IOException | RuntimeException e) {
        PluginSupport.LOGGER.log(
            Level.WARNING,
            "Could not read the Elastic Beanstalk configuration " + configPath + ": " + e);
        runtimeContext = new HashMap<>();
      }
    }
  }

  @Override
  public Map<String, Object> getRuntimeContext() {
    synchronized (this) {
      if (!read) {
        populateRuntimeContext();
      }
      return runtimeContext;
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

  private static String configPath() {
    String value = PluginSupport.setting(CONFIG_PATH_PROPERTY, null);
    return value != null ? value : DEFAULT_CONFIG_PATH;
  }
}

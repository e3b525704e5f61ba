package com.amazonaws.xray.plugins;

import com.amazonaws.xray.entities.AWSLogReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import javax.annotation.Nullable;

/**
 * Records the EC2 instance the service runs on: runtime context {@code instance_id}, {@code
 * availability_zone}, {@code instance_size} and {@code ami_id} from the instance identity document
 * of the instance metadata service (see {@code EC2MetadataFetcher} for the endpoint and its
 * overrides), and log references from the CloudWatch agent's {@code log-config.json}. With TraceKit
 * these also become the resource attributes {@code cloud.platform=aws_ec2}, {@code host.id}, {@code
 * host.type}, {@code cloud.availability_zone} and {@code cloud.region}.
 *
 * <p>Metadata is read once, on the first call that needs it, within a bounded time; on a Linux host
 * whose DMI/hypervisor files do not name Amazon, and when no endpoint is configured, the service is
 * not called at all. Nothing here throws.
 */
public class EC2Plugin implements Plugin {
  public static final String ORIGIN = "AWS::EC2::Instance";

  private static final String SERVICE_NAME = "ec2";
  private static final String LINUX_LOG_CONFIG =
      "opt/aws/amazon-cloudwatch-agent/etc/log-config.json";
  private static final String WINDOWS_LOG_CONFIG = "Amazon\\AmazonCloudWatchAgent\\log-config.json";
  // Files whose content tells an EC2 instance (Nitro: DMI; Xen: hypervisor uuid and BIOS version).
  private static final String[][] EC2_HINTS = {
    {"/sys/devices/virtual/dmi/id/sys_vendor", "contains", "amazon"},
    {"/sys/devices/virtual/dmi/id/bios_vendor", "contains", "amazon"},
    {"/sys/devices/virtual/dmi/id/bios_version", "contains", "amazon"},
    {"/sys/devices/virtual/dmi/id/board_asset_tag", "startsWith", "i-"},
    {"/sys/devices/virtual/dmi/id/product_uuid", "startsWith", "ec2"},
    {"/sys/hypervisor/uuid", "startsWith", "ec2"},
  };

  private final FileSystem fs;
  private final EC2MetadataFetcher fetcher;
  private final Map<String, Object> runtimeContext = new LinkedHashMap<>();
  private final Set<AWSLogReference> logReferences = new HashSet<>();
  @Nullable private Map<EC2MetadataFetcher.EC2Metadata, String> metadata;
  private boolean logReferencesRead;

  public EC2Plugin() {
    this(FileSystems.getDefault(), new EC2MetadataFetcher());
  }

  /** Uses {@code fs} for the local files and {@code fetcher} for the metadata service. */
  public EC2Plugin(FileSystem fs, EC2MetadataFetcher fetcher) {
    this.fs = fs;
    this.fetcher = fetcher;
  }

  /** Returns true when the instance metadata service answered with an identity document. */
  @Override
  public boolean isEnabled() {
    return !metadata().isEmpty();
  }

  @Override
  public String getServiceName() {
    return SERVICE_NAME;
  }

  /** Fills the runtime context from the metadata, reading it first if needed. */
  public void populateRuntimeContext() {
    synchronized (this) {
      Map<EC2MetadataFetcher.EC2Metadata, String> found = metadata();
      runtimeContext.put("instance_id", found.get(EC2MetadataFetcher.EC2Metadata.INSTANCE_ID));
      runtimeContext.put(
          "availability_zone", found.get(EC2MetadataFetcher.EC2Metadata.AVAILABILITY_ZONE));
      runtimeContext.put("instance_size", found.get(EC2MetadataFetcher.EC2Metadata.INSTANCE_TYPE));
      runtimeContext.put("ami_id", found.get(EC2MetadataFetcher.EC2Metadata.AMI_ID));
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

  /** Reads the log groups of the CloudWatch agent's configuration, when there is one. */
  public void populateLogReferences() {
    synchronized (this) {
      logReferencesRead = true;
      Path config = logConfigPath();
      if (config == null || !Files.isRegularFile(config)) {
        return;
      }
      try {
        JsonNode root = PluginSupport.readTree(PluginSupport.readSmallFile(config));
        JsonNode configs = root == null ? null : root.get("log_configs");
        if (configs == null || !configs.isArray()) {
          return;
        }
        for (JsonNode entry : configs) {
          JsonNode group = entry.get("log_group_name");
          if (group != null && group.isTextual() && !group.textValue().isEmpty()) {
            AWSLogReference reference = new AWSLogReference();
            reference.setLogGroup(group.textValue());
            logReferences.add(reference);
          }
        }
      } catch (IOException | RuntimeException e) {
        PluginSupport.LOGGER.log(
            Level.WARNING,
            "Could not read the CloudWatch agent configuration " + config + ": " + e);
      }
    }
  }

  @Override
  public Set<AWSLogReference> getLogReferences() {
    synchronized (this) {
      if (!logReferencesRead) {
        populateLogReferences();
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

  private synchronized Map<EC2MetadataFetcher.EC2Metadata, String> metadata() {
    if (metadata == null) {
      metadata =
          fetcher.isEndpointConfigured() || mayBeEc2(fs) ? fetcher.fetch() : Collections.emptyMap();
    }
    return metadata;
  }

  /**
   * Returns false on a Linux-like file system whose DMI and hypervisor files do not name Amazon: no
   * need to wait for a metadata service that is not there. Elsewhere (Windows) it cannot tell and
   * says yes.
   */
  static boolean mayBeEc2(FileSystem fs) {
    if (!hasUnixRoot(fs)) {
      return true;
    }
    for (String[] hint : EC2_HINTS) {
      String content = readHint(fs.getPath(hint[0]));
      if (content == null) {
        continue;
      }
      boolean matches =
          "contains".equals(hint[1]) ? content.contains(hint[2]) : content.startsWith(hint[2]);
      if (matches) {
        return true;
      }
    }
    return false;
  }

  @Nullable
  private static String readHint(Path file) {
    try {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        return null;
      }
      return new String(PluginSupport.readSmallFile(file), StandardCharsets.UTF_8)
          .trim()
          .toLowerCase(Locale.ROOT);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean hasUnixRoot(FileSystem fs) {
    for (Path root : fs.getRootDirectories()) {
      if ("/".equals(root.toString())) {
        return true;
      }
    }
    return false;
  }

  @Nullable
  private Path logConfigPath() {
    try {
      if (hasUnixRoot(fs)) {
        return fs.getPath("/").resolve(LINUX_LOG_CONFIG);
      }
      String programData = PluginSupport.nonBlank(System.getenv("ProgramData"));
      return programData == null ? null : fs.getPath(programData, WINDOWS_LOG_CONFIG);
    } catch (RuntimeException e) {
      return null;
    }
  }
}

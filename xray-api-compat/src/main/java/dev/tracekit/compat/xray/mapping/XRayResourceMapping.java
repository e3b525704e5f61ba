package dev.tracekit.compat.xray.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Turns what the X-Ray plugins found (the recorder's origin and the {@code ec2}, {@code ecs},
 * {@code eks} and {@code elastic_beanstalk} maps of its {@code aws} runtime context) into TraceKit
 * resource attributes, following the OpenTelemetry semantic conventions: {@code cloud.*}, {@code
 * host.*}, {@code container.id}, {@code k8s.*}, {@code service.instance.id}, {@code
 * service.version} and {@code aws.xray.origin}. Values that are missing or empty are left out.
 * The shim reads them from its recorder's plugins; the daemon bridge from each segment's {@code
 * origin} and {@code aws} block.
 */
public final class XRayResourceMapping {
  private static final Map<String, String> PLATFORMS;
  // A zone is its region plus a letter ("us-west-2b"), or a local/wavelength zone that starts with
  // its region ("us-west-2-lax-1a"): the region is the leading "xx[-word]+-digits".
  private static final Pattern REGION_OF_ZONE = Pattern.compile("^([a-z]{2}(?:-[a-z]+)+-\\d+)");

  static {
    Map<String, String> platforms = new LinkedHashMap<>();
    platforms.put("AWS::EC2::Instance", "aws_ec2");
    platforms.put("AWS::ECS::Container", "aws_ecs");
    platforms.put("AWS::EKS::Container", "aws_eks");
    platforms.put("AWS::ElasticBeanstalk::Environment", "aws_elastic_beanstalk");
    platforms.put("AWS::Lambda::Function", "aws_lambda");
    PLATFORMS = Collections.unmodifiableMap(platforms);
  }

  private XRayResourceMapping() {}

  /**
   * Returns the resource attributes for {@code origin} and the plugins' data in {@code aws} (the
   * recorder's runtime context, or a segment's {@code aws} block); {@code service.version} from
   * Elastic Beanstalk only when {@code serviceVersionConfigured} is false.
   */
  public static Map<String, String> pluginAttributes(
      @Nullable String origin, Map<String, ?> awsRuntimeContext, boolean serviceVersionConfigured) {
    Map<String, String> attributes = new LinkedHashMap<>();
    String platform = origin == null ? null : PLATFORMS.get(origin);
    Map<?, ?> ec2 = map(awsRuntimeContext.get("ec2"));
    Map<?, ?> ecs = map(awsRuntimeContext.get("ecs"));
    Map<?, ?> eks = map(awsRuntimeContext.get("eks"));
    Map<?, ?> beanstalk = map(awsRuntimeContext.get("elastic_beanstalk"));
    if (platform == null && ec2 == null && ecs == null && eks == null && beanstalk == null) {
      return attributes;
    }
    attributes.put("cloud.provider", "aws");
    put(attributes, "cloud.platform", platform);
    String region = null;
    if (ecs != null) {
      String arn = text(ecs.get("container_arn"));
      put(attributes, "container.id", text(ecs.get("container_id")));
      put(attributes, "aws.ecs.container.arn", arn);
      region = regionOfArn(arn);
    }
    if (ec2 != null) {
      String zone = text(ec2.get("availability_zone"));
      put(attributes, "host.id", text(ec2.get("instance_id")));
      put(attributes, "host.type", text(ec2.get("instance_size")));
      put(attributes, "host.image.id", text(ec2.get("ami_id")));
      put(attributes, "cloud.availability_zone", zone);
      if (region == null) {
        region = regionOfZone(zone);
      }
    }
    put(attributes, "cloud.region", region);
    if (eks != null) {
      put(attributes, "k8s.cluster.name", text(eks.get("cluster_name")));
      put(attributes, "k8s.pod.name", text(eks.get("pod")));
      put(attributes, "container.id", text(eks.get("container_id")));
    }
    if (beanstalk != null) {
      put(attributes, "service.instance.id", text(beanstalk.get("deployment_id")));
      if (!serviceVersionConfigured) {
        put(attributes, "service.version", text(beanstalk.get("version_label")));
      }
    }
    put(attributes, "aws.xray.origin", origin);
    return attributes;
  }

  @Nullable
  static String regionOfZone(@Nullable String zone) {
    if (zone == null) {
      return null;
    }
    Matcher matcher = REGION_OF_ZONE.matcher(zone);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** Returns the region of an ARN ({@code arn:partition:service:region:account:…}), or null. */
  @Nullable
  static String regionOfArn(@Nullable String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 5);
    return parts.length == 5 && !parts[3].isEmpty() ? parts[3] : null;
  }

  @Nullable
  private static Map<?, ?> map(@Nullable Object value) {
    return value instanceof Map ? (Map<?, ?>) value : null;
  }

  /** Returns a string or number as non-blank text, else null. */
  @Nullable
  private static String text(@Nullable Object value) {
    if (!(value instanceof String) && !(value instanceof Number)) {
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  private static void put(Map<String, String> attributes, String key, @Nullable String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }
}

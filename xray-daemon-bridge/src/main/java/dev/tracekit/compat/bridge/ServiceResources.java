package dev.tracekit.compat.bridge;

import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.xray.mapping.XRayResourceMapping;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The resource of each service the bridge serves ({@code docs/daemon-bridge.md} §3): a
 * segment's {@code name} is its {@code service.name}; its {@code origin} and the plugin data of its
 * {@code aws} block become resource attributes as the shim's plugins' do; its {@code service.version}
 * and the X-Ray SDK that sent it ({@code telemetry.sdk.language}, {@code aws.xray.sdk}) complete it,
 * over the bridge's own settings (environment, {@code TRACEKIT_RESOURCE_ATTRIBUTES}, host). One
 * instance per distinct service, so exporters group its spans; at most {@value #MAX_SERVICES} kept.
 * Used by the intake thread only.
 */
final class ServiceResources {
  static final int MAX_SERVICES = 1_000;
  /** The service of a streamed subsegment whose segment never said (docs/daemon-bridge.md §3). */
  static final String UNKNOWN_SERVICE = "unknown_service";

  private final Attributes base;
  private final Resource unknown;
  // Keyed by what a segment's resource is made of, as text (cheaper than making the attributes).
  private final Map<String, Resource> services =
      new LinkedHashMap<String, Resource>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Resource> eldest) {
          return size() > MAX_SERVICES;
        }
      };
  private final StringBuilder key = new StringBuilder(128);

  /**
   * Builds on {@code bridgeResource} (the bridge's own resource, from its settings) without what
   * describes the bridge process rather than the services: its service name and process id.
   */
  ServiceResources(Resource bridgeResource) {
    this.base =
        bridgeResource.getAttributes().toBuilder().remove("service.name").remove("process.pid").build();
    this.unknown = Resource.create(base.toBuilder().put("service.name", UNKNOWN_SERVICE).build());
  }

  /** Returns the resource for the service of {@code segment}, a segment document. */
  Resource forSegment(Map<String, ?> segment) {
    String key = keyOf(segment);
    Resource resource = services.get(key);
    if (resource == null) {
      resource = create(segment);
      services.put(key, resource);
    }
    return resource;
  }

  /** The fields of a segment its resource is made of, as one string. */
  private String keyOf(Map<String, ?> segment) {
    key.setLength(0);
    key.append(segment.get("name")).append('\u0000').append(segment.get("origin")).append('\u0000');
    Map<String, ?> service = DocumentSpan.map(segment.get("service"));
    key.append(service == null ? null : service.get("version"));
    Map<String, ?> aws = DocumentSpan.map(segment.get("aws"));
    if (aws != null) {
      for (String block : PLUGIN_BLOCKS) {
        Object value = aws.get(block);
        if (value != null) {
          key.append('\u0000').append(block).append('=').append(value);
        }
      }
    }
    return key.toString();
  }

  /** The blocks of a segment's {@code aws} that resource attributes come from. */
  private static final String[] PLUGIN_BLOCKS = {"ec2", "ecs", "eks", "elastic_beanstalk", "xray"};

  private Resource create(Map<String, ?> segment) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("service.name", String.valueOf(segment.get("name")));
    Map<String, ?> service = DocumentSpan.map(segment.get("service"));
    String version = service == null ? null : DocumentSpan.text(service.get("version"));
    if (version != null && !version.isEmpty()) {
      attributes.put("service.version", version);
    }
    Map<String, ?> aws = DocumentSpan.map(segment.get("aws"));
    if (aws != null || segment.get("origin") != null) {
      attributes.putAll(
          XRayResourceMapping.pluginAttributes(
              DocumentSpan.text(segment.get("origin")),
              aws == null ? new LinkedHashMap<String, Object>() : aws,
              version != null));
    }
    Map<String, ?> xray = aws == null ? null : DocumentSpan.map(aws.get("xray"));
    if (xray != null) {
      String sdk = DocumentSpan.text(xray.get("sdk"));
      String sdkVersion = DocumentSpan.text(xray.get("sdk_version"));
      put(attributes, "aws.xray.sdk", sdk);
      put(attributes, "aws.xray.sdk.version", sdkVersion);
      put(attributes, "telemetry.sdk.language", languageOf(sdk));
    }
    Attributes.Builder builder = base.toBuilder();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      builder.put(e.getKey(), e.getValue());
    }
    return Resource.create(builder.build());
  }

  /** Returns the resource of spans whose service is not known. */
  Resource unknown() {
    return unknown;
  }

  /** Returns how many services have a resource now. */
  int size() {
    return services.size();
  }

  /**
   * Returns the OpenTelemetry language of an X-Ray SDK from the name it gives itself ({@code X-Ray
   * for Node.js}, {@code X-Ray for Python}, {@code X-Ray for Go}, {@code X-Ray for Java}, ...), or
   * null when the name says none of them.
   */
  @Nullable
  static String languageOf(@Nullable String sdk) {
    if (sdk == null) {
      return null;
    }
    String name = sdk.toLowerCase(Locale.ROOT);
    if (name.contains("node")) {
      return "nodejs";
    }
    if (name.contains("python")) {
      return "python";
    }
    if (name.contains(" go") || name.endsWith("go")) {
      return "go";
    }
    if (name.contains("java")) {
      return "java";
    }
    if (name.contains(".net") || name.contains("dotnet")) {
      return "dotnet";
    }
    if (name.contains("ruby")) {
      return "ruby";
    }
    return null;
  }

  private static void put(Map<String, String> attributes, String key, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      attributes.put(key, value);
    }
  }
}

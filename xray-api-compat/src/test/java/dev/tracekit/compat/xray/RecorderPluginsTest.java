package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.AWSLogReference;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.plugins.EC2Plugin;
import com.amazonaws.xray.plugins.ECSPlugin;
import com.amazonaws.xray.plugins.EKSPlugin;
import com.amazonaws.xray.plugins.ElasticBeanstalkPlugin;
import com.amazonaws.xray.plugins.Plugin;
import com.amazonaws.xray.plugins.PluginTestSupport;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.xray.mapping.XRayResourceMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How plugins shape a recorder, as the X-Ray SDK 2.21.0's builder does (observed with plugins of
 * each origin in both orders), and the TraceKit resource that results. The default plugins read
 * loopback servers and temp files only, through their {@code tracekit.xray.plugins.*} properties.
 */
class RecorderPluginsTest {
  private static final String PREFIX = "tracekit.xray.plugins.";
  private static final String[] PROPERTIES = {
    "ec2.endpoint",
    "ecs.metadataUri",
    "eks.serviceAccountDir",
    "eks.apiUrl",
    "beanstalk.configPath",
    "cgroupPath",
    "timeoutMillis"
  };

  @TempDir Path dir;
  private final List<MockWebServer> servers = new ArrayList<>();
  private final RecordingExporter exporter = new RecordingExporter();
  private AWSXRayRecorder recorder;

  @BeforeEach
  void clearResource() {
    XRayTraceKit.clearResourceAttributes();
  }

  @AfterEach
  void cleanUp() throws IOException {
    if (recorder != null) {
      recorder.clearTraceEntity();
    }
    TraceKit.shutdown();
    for (MockWebServer server : servers) {
      server.shutdown();
    }
    for (String property : PROPERTIES) {
      System.clearProperty(PREFIX + property);
    }
    XRayTraceKit.clearResourceAttributes();
  }

  @Test
  void defaultPluginsAreTheFourPlatformPlugins() {
    assertThat(RecorderPlugins.defaultPlugins())
        .extracting(plugin -> (Object) plugin.getClass())
        .containsExactly(
            EC2Plugin.class, ECSPlugin.class, EKSPlugin.class, ElasticBeanstalkPlugin.class);
  }

  @Test
  void theMostSpecificPlatformIsTheOrigin() {
    assertThat(origin(EC2Plugin.ORIGIN, ElasticBeanstalkPlugin.ORIGIN))
        .isEqualTo(ElasticBeanstalkPlugin.ORIGIN);
    assertThat(origin(ElasticBeanstalkPlugin.ORIGIN, EC2Plugin.ORIGIN))
        .isEqualTo(ElasticBeanstalkPlugin.ORIGIN);
    assertThat(origin(EC2Plugin.ORIGIN, ECSPlugin.ORIGIN)).isEqualTo(ECSPlugin.ORIGIN);
    assertThat(origin(ECSPlugin.ORIGIN, EKSPlugin.ORIGIN)).isEqualTo(EKSPlugin.ORIGIN);
    assertThat(origin(EKSPlugin.ORIGIN, ElasticBeanstalkPlugin.ORIGIN))
        .isEqualTo(ElasticBeanstalkPlugin.ORIGIN);
    assertThat(origin(EKSPlugin.ORIGIN, "Custom::X")).isEqualTo("Custom::X");
    assertThat(origin("Custom::X", ElasticBeanstalkPlugin.ORIGIN))
        .as("a tie: first wins")
        .isEqualTo("Custom::X");
    assertThat(origin(ElasticBeanstalkPlugin.ORIGIN, "Custom::X"))
        .isEqualTo(ElasticBeanstalkPlugin.ORIGIN);
  }

  @Test
  void disabledEmptyAndFailingPluginsLeaveNoTrace() {
    Plugin disabled = new FakePlugin("AWS::EC2::Instance", "ec2", false, context());
    Plugin empty = new FakePlugin("AWS::ECS::Container", "ecs", true, Collections.emptyMap());
    Plugin failing =
        new FakePlugin("AWS::EKS::Container", "eks", true, null) {
          @Override
          public Map<String, Object> getRuntimeContext() {
            throw new IllegalStateException("boom");
          }
        };

    AWSXRayRecorder built =
        AWSXRayRecorderBuilder.standard()
            .withPlugin(disabled)
            .withPlugin(empty)
            .withPlugin(failing)
            .build();

    assertThat(built.getOrigin()).isNull();
    assertThat(built.getAwsRuntimeContext()).doesNotContainKeys("ec2", "ecs", "eks");
    assertThat(XRayResourceMapping.pluginAttributes(built.getOrigin(), built.getAwsRuntimeContext(), false))
        .isEmpty();
  }

  @Test
  void logReferencesGoInEverySegmentDocumentAsInTheXraySdk() {
    AWSLogReference reference = new AWSLogReference();
    reference.setLogGroup("/g");
    reference.setArn("arn:aws:logs:r:1:log-group:/g");
    AWSLogReference withoutArn = new AWSLogReference();
    withoutArn.setLogGroup("/h");
    FakePlugin plugin =
        new FakePlugin("O", "svc", true, context()) {
          @Override
          public Set<AWSLogReference> getLogReferences() {
            return new HashSet<>(Arrays.asList(reference, withoutArn));
          }
        };
    recorder = AWSXRayRecorderBuilder.standard().withPlugin(plugin).build();

    Segment segment = recorder.beginSegment("x");
    String document = segment.serialize();
    recorder.endSegment();

    // The X-Ray SDK 2.21.0 writes {"log_group":"/g","arn":"arn:aws:logs:r:1:log-group:/g"}.
    assertThat(document)
        .contains("{\"log_group\":\"/g\",\"arn\":\"arn:aws:logs:r:1:log-group:/g\"}")
        .contains("{\"log_group\":\"/h\"}")
        .contains("\"cloudwatch_logs\":[");
    assertThat(recorder.beginSegment("plain").getAws()).containsKey("cloudwatch_logs");
    recorder.endSegment();
    AWSXRayRecorder withoutPlugins = AWSXRayRecorderBuilder.standard().build();
    assertThat(withoutPlugins.beginSegment("none").getAws()).doesNotContainKey("cloudwatch_logs");
    withoutPlugins.endSegment();
  }

  @Test
  void defaultPluginsRecordEveryPlatformAndBecomeTheTraceKitResource() throws Exception {
    MockWebServer imds =
        server(
            request ->
                request.getPath().equals("/latest/api/token")
                    ? new MockResponse().setBody("T")
                    : new MockResponse()
                        .setBody(
                            "{\"availabilityZone\":\"us-west-2b\",\"imageId\":\"ami-5\","
                                + "\"instanceId\":\"i-0abc\",\"instanceType\":\"m5.large\"}"));
    MockWebServer tmde =
        server(
            request ->
                new MockResponse()
                    .setBody("{\"ContainerARN\":\"arn:aws:ecs:us-west-2:1:container/c1\"}"));
    MockWebServer api =
        PluginTestSupport.httpsServer(
            request -> new MockResponse().setBody("{\"data\":{\"cluster.name\":\"prod\"}}"));
    servers.add(api);
    Path serviceAccount = Files.createDirectories(dir.resolve("serviceaccount"));
    PluginTestSupport.write(serviceAccount.resolve("token"), "t0k");
    Files.write(serviceAccount.resolve("ca.crt"), PluginTestSupport.caCertificate());
    Path beanstalk =
        PluginTestSupport.write(
            dir.resolve("environment.conf"),
            "{\"deployment_id\":7,\"version_label\":\"v7\",\"environment_name\":\"prod-env\"}");
    property("ec2.endpoint", imds.getHostName() + ":" + imds.getPort());
    property("ecs.metadataUri", tmde.url("/v4/c1").toString());
    property("eks.serviceAccountDir", serviceAccount.toString());
    property("eks.apiUrl", "https://localhost:" + api.getPort());
    property("beanstalk.configPath", beanstalk.toString());
    property("cgroupPath", PluginTestSupport.cgroupFile(dir).toString());

    recorder = AWSXRayRecorderBuilder.standard().withDefaultPlugins().build();

    assertThat(recorder.getAwsRuntimeContext())
        .containsKeys("ec2", "ecs", "eks", "elastic_beanstalk");
    assertThat(recorder.getOrigin()).isEqualTo(ElasticBeanstalkPlugin.ORIGIN);

    Segment segment = recorder.beginSegment("plugins-app");
    TraceKit.init(
        XRayTraceKit.configBuilder(segment)
            .setSpanExporter(exporter)
            .setShutdownHook(false)
            .build());
    recorder.endSegment();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();

    Resource resource = exporter.byName("plugins-app").getResource();
    assertThat(resource.getAttribute(AttributeKey.stringKey("service.name")))
        .isEqualTo("plugins-app");
    assertThat(string(resource, "cloud.provider")).isEqualTo("aws");
    assertThat(string(resource, "cloud.platform")).isEqualTo("aws_elastic_beanstalk");
    assertThat(string(resource, "aws.xray.origin")).isEqualTo(ElasticBeanstalkPlugin.ORIGIN);
    assertThat(string(resource, "cloud.region")).isEqualTo("us-west-2");
    assertThat(string(resource, "cloud.availability_zone")).isEqualTo("us-west-2b");
    assertThat(string(resource, "host.id")).isEqualTo("i-0abc");
    assertThat(string(resource, "host.type")).isEqualTo("m5.large");
    assertThat(string(resource, "container.id")).isEqualTo(PluginTestSupport.CONTAINER_ID);
    assertThat(string(resource, "aws.ecs.container.arn"))
        .isEqualTo("arn:aws:ecs:us-west-2:1:container/c1");
    assertThat(string(resource, "k8s.cluster.name")).isEqualTo("prod");
    assertThat(string(resource, "k8s.pod.name")).isNotEmpty();
    assertThat(string(resource, "service.instance.id")).isEqualTo("7");
    assertThat(string(resource, "service.version")).isEqualTo("v7");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theRecorderIsBuiltWhenEveryMetadataEndpointIsSilent() throws Exception {
    MockWebServer silent =
        server(request -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    MockWebServer silentApi =
        PluginTestSupport.httpsServer(
            request -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    servers.add(silentApi);
    Path serviceAccount = Files.createDirectories(dir.resolve("serviceaccount"));
    PluginTestSupport.write(serviceAccount.resolve("token"), "t0k");
    Files.write(serviceAccount.resolve("ca.crt"), PluginTestSupport.caCertificate());
    property("ec2.endpoint", silent.getHostName() + ":" + silent.getPort());
    property("ecs.metadataUri", silent.url("/v4/c1").toString());
    property("eks.serviceAccountDir", serviceAccount.toString());
    property("eks.apiUrl", "https://localhost:" + silentApi.getPort());
    property("beanstalk.configPath", dir.resolve("missing.conf").toString());
    property("timeoutMillis", "300");

    recorder = AWSXRayRecorderBuilder.standard().withDefaultPlugins().build();

    assertThat(recorder.getAwsRuntimeContext()).doesNotContainKey("ec2");
    assertThat(recorder.getOrigin()).isEqualTo(EKSPlugin.ORIGIN);
    assertThat(recorder.beginSegment("still-works").getOrigin()).isEqualTo(EKSPlugin.ORIGIN);
    recorder.endSegment();
  }

  private String origin(String first, String second) {
    return AWSXRayRecorderBuilder.standard()
        .withPlugin(new FakePlugin(first, "first", true, context()))
        .withPlugin(new FakePlugin(second, "second", true, context()))
        .build()
        .getOrigin();
  }

  private static Map<String, Object> context() {
    return Collections.<String, Object>singletonMap("k", "v");
  }

  private static String string(Resource resource, String key) {
    return resource.getAttribute(AttributeKey.stringKey(key));
  }

  private MockWebServer server(
      java.util.function.Function<okhttp3.mockwebserver.RecordedRequest, MockResponse> answer)
      throws IOException {
    MockWebServer server = PluginTestSupport.server(answer);
    servers.add(server);
    return server;
  }

  private static void property(String name, String value) {
    System.setProperty(PREFIX + name, value);
  }

  /** A plugin with a fixed origin and runtime context; plugins are equal only to themselves. */
  private static class FakePlugin implements Plugin {
    private final String origin;
    private final String serviceName;
    private final boolean enabled;
    private final Map<String, Object> runtimeContext;

    FakePlugin(String origin, String serviceName, boolean enabled, Map<String, Object> context) {
      this.origin = origin;
      this.serviceName = serviceName;
      this.enabled = enabled;
      this.runtimeContext = context;
    }

    @Override
    public String getOrigin() {
      return origin;
    }

    @Override
    public String getServiceName() {
      return serviceName;
    }

    @Override
    public boolean isEnabled() {
      return enabled;
    }

    @Override
    public Map<String, Object> getRuntimeContext() {
      return runtimeContext;
    }
  }
}

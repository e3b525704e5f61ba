package com.amazonaws.xray.plugins;

import static com.amazonaws.xray.plugins.PluginTestSupport.CONTAINER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.xray.entities.AWSLogReference;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ECS plugin against a loopback task metadata endpoint. Expected runtime contexts and log
 * references are what the X-Ray SDK 2.21.0 produced for the same answers.
 */
class ECSPluginTest {
  static final String CONTAINER_ARN =
      "arn:aws:ecs:us-west-2:111122223333:container/0206b271-b33f-47ab-86c6-a0ba208a70a9";
  static final String METADATA =
      "{\"DockerId\":\"ea32\",\"Name\":\"curl\",\"LogDriver\":\"awslogs\","
          + "\"LogOptions\":{\"awslogs-create-group\":\"true\",\"awslogs-group\":\"/ecs/metadata\","
          + "\"awslogs-region\":\"us-west-2\",\"awslogs-stream\":\"ecs/curl/8f\"},"
          + "\"ContainerARN\":\""
          + CONTAINER_ARN
          + "\",\"Networks\":[{\"NetworkMode\":\"awsvpc\",\"IPv4Addresses\":[\"10.0.2.106\"]}]}";

  @TempDir Path dir;
  private final List<MockWebServer> servers = new ArrayList<>();

  @AfterEach
  void shutdown() throws IOException {
    for (MockWebServer server : servers) {
      server.shutdown();
    }
    System.clearProperty(ECSMetadataFetcher.URI_PROPERTY);
  }

  @Test
  void readsTheContainerMetadataOnce() throws Exception {
    MockWebServer tmde = tmde(new MockResponse().setBody(METADATA));
    ECSPlugin plugin = plugin(tmde);

    assertThat(plugin.isEnabled()).isTrue();
    Map<String, Object> expected = new HashMap<>();
    expected.put("container", InetAddress.getLocalHost().getHostName());
    expected.put("container_id", CONTAINER_ID);
    expected.put("container_arn", CONTAINER_ARN);
    assertThat(plugin.getRuntimeContext()).isEqualTo(expected);
    assertThat(plugin.getLogReferences())
        .extracting(AWSLogReference::getLogGroup, AWSLogReference::getArn)
        .containsExactly(
            tuple("/ecs/metadata", "arn:aws:logs:us-west-2:111122223333:log-group:/ecs/metadata"));

    RecordedRequest request = tmde.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/v4/abc");
    assertThat(tmde.getRequestCount()).isEqualTo(1);
  }

  @Test
  void withoutARegionTheLogReferenceHasNoArn() throws Exception {
    ECSPlugin plugin =
        plugin(
            tmde(
                new MockResponse()
                    .setBody(
                        "{\"LogDriver\":\"awslogs\",\"LogOptions\":{\"awslogs-group\":\"/g\"}}")));

    assertThat(plugin.getLogReferences())
        .extracting(AWSLogReference::getLogGroup, AWSLogReference::getArn)
        .containsExactly(tuple("/g", null));
    assertThat(plugin.getRuntimeContext()).doesNotContainKey("container_arn");
  }

  @Test
  void isDisabledWithoutAMetadataUri() throws Exception {
    ECSPlugin plugin = new ECSPlugin(null, PluginTestSupport.cgroupFile(dir));

    assertThat(plugin.isEnabled()).isFalse();
    assertThat(plugin.getRuntimeContext())
        .containsOnlyKeys("container", "container_id")
        .containsEntry("container_id", CONTAINER_ID);
    assertThat(plugin.getLogReferences()).isEmpty();
  }

  @Test
  void theMetadataUriPropertyEnablesThePlugin() throws Exception {
    MockWebServer tmde = tmde(new MockResponse().setBody(METADATA));
    System.setProperty(ECSMetadataFetcher.URI_PROPERTY, tmde.url("/v4/from-property").toString());

    ECSPlugin plugin = new ECSPlugin();

    assertThat(plugin.isEnabled()).isTrue();
    assertThat(plugin.getRuntimeContext()).containsEntry("container_arn", CONTAINER_ARN);
    assertThat(tmde.takeRequest(1, TimeUnit.SECONDS).getPath()).isEqualTo("/v4/from-property");
  }

  @Test
  void garbageOrAnErrorLeavesOnlyTheLocalContext() throws Exception {
    for (MockResponse answer :
        new MockResponse[] {
          new MockResponse().setBody("]]not json"),
          new MockResponse().setBody("[1,2]"),
          new MockResponse().setResponseCode(404)
        }) {
      ECSPlugin plugin = plugin(tmde(answer));

      assertThat(plugin.isEnabled()).isTrue();
      assertThat(plugin.getRuntimeContext()).containsOnlyKeys("container", "container_id");
      assertThat(plugin.getLogReferences()).isEmpty();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anEndpointThatNeverAnswersIsGivenUpWithinTheBudget() throws Exception {
    MockWebServer tmde = tmde(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    ECSPlugin plugin =
        new ECSPlugin(
            new ECSMetadataFetcher(tmde.url("/v4/abc").toString(), 300),
            PluginTestSupport.cgroupFile(dir));

    assertThat(plugin.getRuntimeContext()).containsOnlyKeys("container", "container_id");
  }

  @Test
  void pluginsAreEqualByOriginAsInTheXraySdk() {
    ECSPlugin plugin = new ECSPlugin();

    assertThat(ECSPlugin.ORIGIN).isEqualTo("AWS::ECS::Container");
    assertThat(plugin.getServiceName()).isEqualTo("ecs");
    assertThat(plugin).isEqualTo(new ECSPlugin()).isNotEqualTo(new EKSPlugin());
    assertThat(plugin.hashCode()).isEqualTo(ECSPlugin.ORIGIN.hashCode());
  }

  private ECSPlugin plugin(MockWebServer tmde) throws IOException {
    return new ECSPlugin(
        new ECSMetadataFetcher(tmde.url("/v4/abc").toString(), 5000),
        PluginTestSupport.cgroupFile(dir));
  }

  private MockWebServer tmde(MockResponse answer) throws IOException {
    MockWebServer server = PluginTestSupport.server(request -> answer);
    servers.add(server);
    return server;
  }
}

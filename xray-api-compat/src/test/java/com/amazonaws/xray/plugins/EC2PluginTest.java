package com.amazonaws.xray.plugins;

import static com.amazonaws.xray.plugins.PluginTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.xray.entities.AWSLogReference;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EC2 plugin against a loopback instance metadata service. Expected runtime contexts are what
 * the X-Ray SDK 2.21.0 produced for the same answers (observed by running it against such a
 * server).
 */
class EC2PluginTest {
  /** An IMDSv2 session token is a credential: the suite's logs must never show it. */
  private static final String IMDS_TOKEN = TestSecrets.secret("imds-token");

  static final String DOCUMENT =
      "{\"accountId\":\"123456789012\",\"architecture\":\"x86_64\","
          + "\"availabilityZone\":\"us-west-2b\",\"imageId\":\"ami-5fb8c835\","
          + "\"instanceId\":\"i-1234567890abcdef0\",\"instanceType\":\"t2.micro\","
          + "\"privateIp\":\"10.0.0.1\",\"region\":\"us-west-2\",\"version\":\"2017-09-30\"}";

  @TempDir Path dir;
  private FileSystem fs;
  private final List<MockWebServer> servers = new ArrayList<>();

  @BeforeEach
  void createFileSystem() throws IOException {
    fs = PluginTestSupport.zipFileSystem(dir);
  }

  @AfterEach
  void close() throws IOException {
    for (MockWebServer server : servers) {
      server.shutdown();
    }
    fs.close();
  }

  @Test
  void readsTheIdentityDocumentWithAnImdsV2Token() throws Exception {
    MockWebServer imds = imds(DOCUMENT, new MockResponse().setBody(IMDS_TOKEN));
    EC2Plugin plugin = new EC2Plugin(fs, fetcher(imds));

    assertThat(plugin.isEnabled()).isTrue();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("instance_id", "i-1234567890abcdef0");
    expected.put("availability_zone", "us-west-2b");
    expected.put("instance_size", "t2.micro");
    expected.put("ami_id", "ami-5fb8c835");
    assertThat(plugin.getRuntimeContext()).containsExactlyEntriesOf(expected);

    RecordedRequest token = imds.takeRequest(1, TimeUnit.SECONDS);
    assertThat(token.getMethod()).isEqualTo("PUT");
    assertThat(token.getPath()).isEqualTo("/latest/api/token");
    assertThat(token.getHeader("X-aws-ec2-metadata-token-ttl-seconds")).isEqualTo("60");
    RecordedRequest document = imds.takeRequest(1, TimeUnit.SECONDS);
    assertThat(document.getMethod()).isEqualTo("GET");
    assertThat(document.getPath()).isEqualTo("/latest/dynamic/instance-identity/document");
    assertThat(document.getHeader("X-aws-ec2-metadata-token")).isEqualTo(IMDS_TOKEN);
    assertThat(imds.getRequestCount()).as("metadata is read once").isEqualTo(2);
  }

  @Test
  void fallsBackToImdsV1WhenTheTokenRequestIsRefused() throws Exception {
    MockWebServer imds = imds(DOCUMENT, new MockResponse().setResponseCode(403));
    EC2Plugin plugin = new EC2Plugin(fs, fetcher(imds));

    assertThat(plugin.isEnabled()).isTrue();
    assertThat(plugin.getRuntimeContext()).containsEntry("instance_id", "i-1234567890abcdef0");
    imds.takeRequest(1, TimeUnit.SECONDS);
    assertThat(imds.takeRequest(1, TimeUnit.SECONDS).getHeader("X-aws-ec2-metadata-token"))
        .isNull();
  }

  @Test
  void fieldsMissingFromTheDocumentAreNullLikeInTheXraySdk() throws Exception {
    String partial = "{\"instanceId\":\"i-1\",\"extra\":{\"nested\":[1,2]},\"instanceType\":5}";
    EC2Plugin plugin = new EC2Plugin(fs, fetcher(imds(partial, tokenAnswer())));

    assertThat(plugin.isEnabled()).isTrue();
    assertThat(plugin.getRuntimeContext())
        .containsOnlyKeys("instance_id", "availability_zone", "instance_size", "ami_id")
        .containsEntry("instance_id", "i-1")
        .containsEntry("instance_size", null)
        .containsEntry("ami_id", null);
  }

  @Test
  void aDocumentThatIsNotJsonDisablesThePlugin() throws Exception {
    EC2Plugin plugin = new EC2Plugin(fs, fetcher(imds("<html>not json", tokenAnswer())));

    assertThat(plugin.isEnabled()).isFalse();
    assertThat(plugin.getRuntimeContext().values()).containsOnlyNulls();
  }

  @Test
  void anErrorStatusDisablesThePlugin() throws Exception {
    MockWebServer imds =
        PluginTestSupport.server(request -> new MockResponse().setResponseCode(500).setBody("x"));
    servers.add(imds);

    assertThat(new EC2Plugin(fs, fetcher(imds)).isEnabled()).isFalse();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aMetadataServiceThatNeverAnswersIsGivenUpWithinTheBudget() throws Exception {
    MockWebServer imds =
        PluginTestSupport.server(
            request -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    servers.add(imds);
    EC2Plugin plugin = new EC2Plugin(fs, new EC2MetadataFetcher(endpoint(imds), true, 300));

    assertThat(plugin.isEnabled()).isFalse();
    assertThat(imds.getRequestCount())
        .as("no document request after a silent token request")
        .isEqualTo(1);
  }

  @Test
  void anEndpointNobodyListensOnDisablesThePlugin() throws Exception {
    EC2MetadataFetcher fetcher =
        new EC2MetadataFetcher("127.0.0.1:" + PluginTestSupport.closedPort(), true, 2000);

    assertThat(new EC2Plugin(fs, fetcher).isEnabled()).isFalse();
  }

  @Test
  void withTheDefaultEndpointAHostThatDoesNotLookLikeEc2IsNotProbed() throws Exception {
    MockWebServer imds = imds(DOCUMENT, tokenAnswer());
    EC2Plugin plugin = new EC2Plugin(fs, new EC2MetadataFetcher(endpoint(imds), false, 2000));

    assertThat(plugin.isEnabled()).isFalse();
    assertThat(imds.getRequestCount()).isZero();
  }

  @Test
  void withTheDefaultEndpointAHostThatLooksLikeEc2IsProbed() throws Exception {
    write(fs, "/sys/devices/virtual/dmi/id/sys_vendor", "Amazon EC2\n");
    MockWebServer imds = imds(DOCUMENT, tokenAnswer());
    EC2Plugin plugin = new EC2Plugin(fs, new EC2MetadataFetcher(endpoint(imds), false, 2000));

    assertThat(plugin.isEnabled()).isTrue();
    assertThat(imds.getRequestCount()).isEqualTo(2);
  }

  @Test
  void dmiAndHypervisorFilesTellAnEc2Host() throws Exception {
    assertThat(EC2Plugin.mayBeEc2(fs)).as("no files").isFalse();
    write(fs, "/sys/devices/virtual/dmi/id/sys_vendor", "QEMU\n");
    assertThat(EC2Plugin.mayBeEc2(fs)).as("another vendor").isFalse();
    write(fs, "/sys/hypervisor/uuid", "ec2e1916-9099-7caf-fd21-012345abcdef\n");
    assertThat(EC2Plugin.mayBeEc2(fs)).as("Xen instance").isTrue();

    FileSystem nitro = PluginTestSupport.zipFileSystem(dir);
    write(nitro, "/sys/devices/virtual/dmi/id/board_asset_tag", "i-0123456789abcdef0\n");
    assertThat(EC2Plugin.mayBeEc2(nitro)).as("Nitro instance").isTrue();
    nitro.close();
  }

  @Test
  void logReferencesAreTheLogGroupsOfTheCloudWatchAgentConfiguration() throws Exception {
    write(
        fs,
        "/opt/aws/amazon-cloudwatch-agent/etc/log-config.json",
        "{\"log_configs\":[{\"log_group_name\":\"g1\"},{\"log_group_name\":\"g2\",\"x\":1},"
            + "{\"other\":1},{\"log_group_name\":\"g1\"},{\"log_group_name\":5}],"
            + "\"region\":\"us-west-2\"}");
    EC2Plugin plugin = new EC2Plugin(fs, fetcher(imds(DOCUMENT, tokenAnswer())));

    assertThat(plugin.getLogReferences())
        .extracting(AWSLogReference::getLogGroup, AWSLogReference::getArn)
        .containsExactlyInAnyOrder(tuple("g1", null), tuple("g2", null));
  }

  @Test
  void aMalformedOrMissingAgentConfigurationGivesNoLogReferences() throws Exception {
    EC2Plugin withoutFile = new EC2Plugin(fs, fetcher(imds(DOCUMENT, tokenAnswer())));
    assertThat(withoutFile.getLogReferences()).isEmpty();

    write(fs, "/opt/aws/amazon-cloudwatch-agent/etc/log-config.json", "garbage{");
    EC2Plugin withGarbage = new EC2Plugin(fs, fetcher(imds(DOCUMENT, tokenAnswer())));
    assertThat(withGarbage.getLogReferences()).isEmpty();
  }

  @Test
  void pluginsAreEqualByOriginAsInTheXraySdk() throws Exception {
    EC2Plugin plugin = new EC2Plugin(fs, new EC2MetadataFetcher("127.0.0.1:1", true, 10));

    assertThat(EC2Plugin.ORIGIN).isEqualTo("AWS::EC2::Instance");
    assertThat(plugin.getServiceName()).isEqualTo("ec2");
    assertThat(plugin.getOrigin()).isEqualTo(EC2Plugin.ORIGIN);
    assertThat(plugin).isEqualTo(new EC2Plugin()).isNotEqualTo(new ElasticBeanstalkPlugin());
    assertThat(plugin.hashCode()).isEqualTo(EC2Plugin.ORIGIN.hashCode());
  }

  private MockWebServer imds(String document, MockResponse tokenAnswer) throws IOException {
    MockWebServer server =
        PluginTestSupport.server(
            request ->
                request.getPath().equals("/latest/api/token")
                    ? tokenAnswer
                    : new MockResponse().setBody(document));
    servers.add(server);
    return server;
  }

  private static MockResponse tokenAnswer() {
    return new MockResponse().setBody(IMDS_TOKEN);
  }

  private static EC2MetadataFetcher fetcher(MockWebServer imds) {
    return new EC2MetadataFetcher(endpoint(imds), true, 5000);
  }

  private static String endpoint(MockWebServer server) {
    return server.getHostName() + ":" + server.getPort();
  }
}

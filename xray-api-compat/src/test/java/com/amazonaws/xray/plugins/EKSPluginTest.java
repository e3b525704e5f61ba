package com.amazonaws.xray.plugins;

import static com.amazonaws.xray.plugins.PluginTestSupport.CONTAINER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.entities.AWSLogReference;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * The EKS plugin against a loopback HTTPS Kubernetes API and a service-account directory in a temp
 * folder. Expected runtime contexts are what the X-Ray SDK 2.21.0 produced for the same answers.
 */
class EKSPluginTest {
  static final String CLUSTER_INFO =
      "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"cluster-info\","
          + "\"namespace\":\"amazon-cloudwatch\"},"
          + "\"data\":{\"cluster.name\":\"my-cluster\",\"logs.region\":\"us-west-2\"}}";

  @TempDir Path dir;
  private Path serviceAccount;
  private MockWebServer api;

  @BeforeEach
  void serviceAccount() throws IOException {
    serviceAccount = Files.createDirectories(dir.resolve("serviceaccount"));
    PluginTestSupport.write(serviceAccount.resolve("token"), "tok-abc\n");
    Files.write(serviceAccount.resolve("ca.crt"), PluginTestSupport.caCertificate());
  }

  @AfterEach
  void shutdown() throws IOException {
    if (api != null) {
      api.shutdown();
    }
  }

  @Test
  void readsTheClusterNameFromTheContainerInsightsConfigMap() throws Exception {
    EKSPlugin plugin = plugin(new MockResponse().setBody(CLUSTER_INFO));

    assertThat(plugin.isEnabled()).isTrue();
    Map<String, Object> expected = new HashMap<>();
    expected.put("cluster_name", "my-cluster");
    expected.put("pod", InetAddress.getLocalHost().getHostName());
    expected.put("container_id", CONTAINER_ID);
    assertThat(plugin.getRuntimeContext()).isEqualTo(expected);
    assertThat(plugin.getLogReferences())
        .extracting(AWSLogReference::getLogGroup)
        .containsExactly("/aws/containerinsights/my-cluster/application");

    RecordedRequest request = api.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath())
        .isEqualTo("/api/v1/namespaces/amazon-cloudwatch/configmaps/cluster-info");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer tok-abc");
    assertThat(api.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aGivenClusterNameIsUsedWithoutAskingTheApi() throws Exception {
    api = PluginTestSupport.httpsServer(request -> new MockResponse().setBody(CLUSTER_INFO));
    EKSPlugin plugin =
        new EKSPlugin(
            "given-name", serviceAccount, apiUrl(), PluginTestSupport.cgroupFile(dir), 5000);

    assertThat(plugin.getRuntimeContext()).containsEntry("cluster_name", "given-name");
    assertThat(plugin.getLogReferences())
        .extracting(AWSLogReference::getLogGroup)
        .containsExactly("/aws/containerinsights/given-name/application");
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void isDisabledWithoutAServiceAccountToken() throws Exception {
    Files.delete(serviceAccount.resolve("token"));
    EKSPlugin plugin = plugin(new MockResponse().setBody(CLUSTER_INFO));

    assertThat(plugin.isEnabled()).isFalse();
    assertThat(plugin.getRuntimeContext())
        .containsEntry("cluster_name", null)
        .containsEntry("container_id", CONTAINER_ID);
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void aConfigMapWithoutTheNameGivesAnEmptyNameAsTheXraySdk() throws Exception {
    EKSPlugin plugin = plugin(new MockResponse().setBody("{\"kind\":\"ConfigMap\"}"));

    assertThat(plugin.getRuntimeContext()).containsEntry("cluster_name", "");
    assertThat(plugin.getLogReferences()).as("no log group for a nameless cluster").isEmpty();
  }

  @Test
  void aForbiddenAnswerGivesAnEmptyNameAsTheXraySdk() throws Exception {
    EKSPlugin plugin =
        plugin(new MockResponse().setResponseCode(403).setBody("{\"kind\":\"Status\"}"));

    assertThat(plugin.getRuntimeContext()).containsEntry("cluster_name", "");
  }

  @Test
  void anAnswerThatIsNotJsonGivesNoName() throws Exception {
    EKSPlugin plugin = plugin(new MockResponse().setBody("}{"));

    assertThat(plugin.getRuntimeContext()).containsEntry("cluster_name", null);
    assertThat(plugin.getLogReferences()).isEmpty();
  }

  @Test
  void withoutTheClusterCaTheApiIsNotTrusted() throws Exception {
    Files.delete(serviceAccount.resolve("ca.crt"));
    EKSPlugin plugin = plugin(new MockResponse().setBody(CLUSTER_INFO));

    assertThat(plugin.isEnabled()).isTrue();
    assertThat(plugin.getRuntimeContext()).containsEntry("cluster_name", null);
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anApiThatNeverAnswersIsGivenUpWithinTheBudget() throws Exception {
    api =
        PluginTestSupport.httpsServer(
            request -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    EKSPlugin plugin =
        new EKSPlugin(null, serviceAccount, apiUrl(), PluginTestSupport.cgroupFile(dir), 300);

    assertThat(plugin.getRuntimeContext()).containsEntry("cluster_name", null);
  }

  @Test
  void pluginsAreEqualByOriginAsInTheXraySdk() {
    assertThat(EKSPlugin.ORIGIN).isEqualTo("AWS::EKS::Container");
    assertThat(new EKSPlugin("a").getServiceName()).isEqualTo("eks");
    assertThat(new EKSPlugin("a")).isEqualTo(new EKSPlugin("b")).isNotEqualTo(new ECSPlugin());
    assertThat(new EKSPlugin("a").hashCode()).isEqualTo(EKSPlugin.ORIGIN.hashCode());
  }

  private EKSPlugin plugin(MockResponse answer) throws Exception {
    api = PluginTestSupport.httpsServer(request -> answer);
    return new EKSPlugin(null, serviceAccount, apiUrl(), PluginTestSupport.cgroupFile(dir), 5000);
  }

  private String apiUrl() {
    return "https://localhost:" + api.getPort();
  }
}

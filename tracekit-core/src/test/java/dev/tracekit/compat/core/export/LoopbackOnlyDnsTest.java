package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * A plain {@code http://} endpoint is accepted by name only when the name is loopback; the exporter
 * then also makes sure the connection stays on the machine: no proxy, and only loopback addresses
 * from name resolution.
 */
class LoopbackOnlyDnsTest {

  @Test
  void keepsOnlyLoopbackAddresses() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress remote = InetAddress.getByName("203.0.113.7");
    Dns dns = new LoopbackOnlyDns(host -> Arrays.asList(remote, loopback));

    assertThat(dns.lookup("collector.localhost")).containsExactly(loopback);
  }

  @Test
  void aNameThatResolvesOnlyElsewhereFails() throws Exception {
    InetAddress remote = InetAddress.getByName("203.0.113.7");
    Dns dns = new LoopbackOnlyDns(host -> Arrays.asList(remote));

    assertThatThrownBy(() -> dns.lookup("evil.localhost"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("evil.localhost")
        .hasMessageContaining("loopback");
  }

  @Test
  void localhostResolvesThroughTheSystem() throws Exception {
    List<InetAddress> addresses = new LoopbackOnlyDns(Dns.SYSTEM).lookup("localhost");

    assertThat(addresses).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
  }

  @Test
  void aPlainHttpEndpointGetsNoProxyAndLoopbackOnlyResolution() {
    OkHttpClient client = client(OtlpHttpSpanExporter.builder().setEndpoint("http://localhost:4318/v1/traces"));

    assertThat(client.proxy()).isEqualTo(Proxy.NO_PROXY);
    assertThat(client.dns()).isInstanceOf(LoopbackOnlyDns.class);
  }

  @Test
  void httpsAndAllowedInsecureEndpointsResolveAndProxyAsUsual() {
    OkHttpClient https = client(OtlpHttpSpanExporter.builder().setEndpoint("https://app.tracekit.dev/v1/traces"));
    OkHttpClient insecure =
        client(
            OtlpHttpSpanExporter.builder()
                .setEndpoint("http://collector.example.com/v1/traces")
                .setAllowInsecure(true));

    for (OkHttpClient client : Arrays.asList(https, insecure)) {
      assertThat(client.proxy()).isNull();
      assertThat(client.dns()).isSameAs(Dns.SYSTEM);
    }
  }

  private static OkHttpClient client(OtlpHttpSpanExporter.Builder builder) {
    OtlpHttpSpanExporter exporter = builder.build();
    try {
      return exporter.sender().client();
    } finally {
      exporter.shutdown();
    }
  }
}

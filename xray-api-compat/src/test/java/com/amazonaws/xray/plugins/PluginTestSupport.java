package com.amazonaws.xray.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Loopback servers, file systems and files for the plugin tests: no test reaches a real metadata
 * service, cluster or system file.
 *
 * <p>{@code k8s-api.p12} (password {@value #KEYSTORE_PASSWORD}) and {@code k8s-api.crt} are a
 * test-only self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with {@code
 * openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=localhost -addext
 * subjectAltName=DNS:localhost,IP:127.0.0.1 -addext basicConstraints=critical,CA:TRUE} and {@code
 * openssl pkcs12 -export -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1}.
 */
public final class PluginTestSupport {
  public static final String KEYSTORE_PASSWORD = "test-only";
  public static final String CONTAINER_ID =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  private PluginTestSupport() {}

  /** Starts a loopback server answering each request with {@code answer}. */
  public static MockWebServer server(Function<RecordedRequest, MockResponse> answer)
      throws IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(dispatcher(answer));
    server.start();
    return server;
  }

  /** Starts a loopback HTTPS server with the test certificate. */
  public static MockWebServer httpsServer(Function<RecordedRequest, MockResponse> answer)
      throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = PluginTestSupport.class.getResourceAsStream("k8s-api.p12")) {
      keyStore.load(in, KEYSTORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, KEYSTORE_PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    MockWebServer server = new MockWebServer();
    server.useHttps(context.getSocketFactory(), false);
    server.setDispatcher(dispatcher(answer));
    server.start();
    return server;
  }

  /** Returns the PEM of the test certificate, as a service account's {@code ca.crt} holds it. */
  public static byte[] caCertificate() throws IOException {
    try (InputStream in = PluginTestSupport.class.getResourceAsStream("k8s-api.crt")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) != -1) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  /** Returns a loopback port nothing listens on (it was free a moment ago). */
  public static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Returns a new, empty zip file system: a Unix-like root "/" backed by a file in {@code dir}. */
  static FileSystem zipFileSystem(Path dir) throws IOException {
    URI uri = URI.create("jar:" + dir.resolve("fs-" + System.nanoTime() + ".zip").toUri());
    return FileSystems.newFileSystem(uri, Collections.singletonMap("create", "true"));
  }

  /** Writes {@code content} at {@code path} of {@code fs}, creating the directories. */
  static void write(FileSystem fs, String path, String content) throws IOException {
    write(fs.getPath(path), content);
  }

  public static Path write(Path file, String content) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** Writes a cgroup file whose lines name a Docker container, as in an ECS or EKS container. */
  public static Path cgroupFile(Path dir) throws IOException {
    return write(
        dir.resolve("cgroup"),
        "12:memory:/docker/" + CONTAINER_ID + "\n11:cpu:/docker/" + CONTAINER_ID + "\n");
  }

  private static Dispatcher dispatcher(Function<RecordedRequest, MockResponse> answer) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.apply(request);
      }
    };
  }
}

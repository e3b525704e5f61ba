package dev.tracekit.compat.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;

/** One HTTP request to a test server with {@link HttpURLConnection}, and its response. */
final class HttpCall {
  final int status;
  final String body;
  @Nullable final String contentType;
  @Nullable final String allow;

  private HttpCall(int status, String body, @Nullable String contentType, @Nullable String allow) {
    this.status = status;
    this.body = body;
    this.contentType = contentType;
    this.allow = allow;
  }

  static HttpCall post(InetSocketAddress server, String path, String body) throws IOException {
    return send(server, "POST", path, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code body} (none when null) with a Content-Length. */
  static HttpCall send(
      InetSocketAddress server, String method, String path, @Nullable byte[] body)
      throws IOException {
    URL url = new URL("http", server.getHostString(), server.getPort(), path);
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    try {
      connection.setRequestMethod(method);
      connection.setConnectTimeout(10_000);
      connection.setReadTimeout(10_000);
      if (body != null) {
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      return new HttpCall(
          status,
          in == null ? "" : read(in),
          connection.getHeaderField("Content-Type"),
          connection.getHeaderField("Allow"));
    } finally {
      connection.disconnect();
    }
  }

  private static String read(InputStream in) throws IOException {
    try (InputStream stream = in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      for (int n; (n = stream.read(buffer)) != -1; ) {
        bytes.write(buffer, 0, n);
      }
      return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}

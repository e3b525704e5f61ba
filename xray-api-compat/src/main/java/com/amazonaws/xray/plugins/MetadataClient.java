package com.amazonaws.xray.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * One metadata request over {@link HttpURLConnection}: no proxy, no redirects, no caches, a body of
 * at most {@value #MAX_BODY_BYTES} bytes, and a {@link Deadline} shared by all the requests of one
 * lookup. Blocks the calling thread until the answer, a failure or the deadline.
 */
final class MetadataClient {
  static final int MAX_BODY_BYTES = 64 * 1024;

  private MetadataClient() {}

  /** The time left for one lookup, which may take several requests. */
  static final class Deadline {
    private final long endNanos;

    private Deadline(long endNanos) {
      this.endNanos = endNanos;
    }

    static Deadline afterMillis(long millis) {
      return new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Returns the milliseconds left, at least 1 while time is left, else 0. */
    long remainingMillis() {
      long nanos = endNanos - System.nanoTime();
      return nanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos));
    }
  }

  /** An HTTP answer: its status and its body (the error body for a non-2xx status). */
  static final class Response {
    final int status;
    final String body;

    Response(int status, String body) {
      this.status = status;
      this.body = body;
    }

    boolean isSuccessful() {
      return status >= 200 && status < 300;
    }
  }

  static Response get(
      URL url, Map<String, String> headers, int connectTimeoutMillis, Deadline deadline)
      throws IOException {
    return send("GET", url, headers, connectTimeoutMillis, deadline, null);
  }

  /**
   * Sends one request with an empty body for PUT and returns the answer.
   *
   * @throws IOException when there is no answer in time, or it is larger than the bound
   */
  static Response send(
      String method,
      URL url,
      Map<String, String> headers,
      int connectTimeoutMillis,
      Deadline deadline,
      @Nullable SSLSocketFactory sslSocketFactory)
      throws IOException {
    long remaining = deadline.remainingMillis();
    if (remaining == 0) {
      throw new SocketTimeoutException("no time left to call " + url);
    }
    HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
    try {
      if (sslSocketFactory != null && connection instanceof HttpsURLConnection) {
        ((HttpsURLConnection) connection).setSSLSocketFactory(sslSocketFactory);
      }
      connection.setRequestMethod(method);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setConnectTimeout((int) Math.min(connectTimeoutMillis, remaining));
      connection.setReadTimeout((int) remaining);
      for (Map.Entry<String, String> header : headers.entrySet()) {
        connection.setRequestProperty(header.getKey(), header.getValue());
      }
      if ("PUT".equals(method)) {
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(0);
        connection.getOutputStream().close();
      }
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String body = in == null ? "" : read(in, deadline, url);
      return new Response(status, body);
    } catch (IOException | RuntimeException e) {
      connection.disconnect();
      throw e instanceof IOException ? (IOException) e : new IOException(e);
    }
  }

  private static String read(InputStream in, Deadline deadline, URL url) throws IOException {
    try (InputStream body = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = body.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        if (out.size() > MAX_BODY_BYTES) {
          throw new IOException(
              "answer of " + url + " is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (deadline.remainingMillis() == 0) {
          throw new SocketTimeoutException("answer of " + url + " took too long");
        }
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }
}

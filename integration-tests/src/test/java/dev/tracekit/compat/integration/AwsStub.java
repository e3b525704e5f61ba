package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A stand-in for AWS and for a plain HTTP service on loopback. It answers DynamoDB and SQS (AWS JSON
 * protocol, told apart by {@code X-Amz-Target}), plain HTTP ({@code /api/...}) and S3 (REST/XML,
 * everything else) with small valid responses. A request that names {@code fail-<status>}
 * anywhere (table, bucket, queue URL, path) is answered with that status and an error body in its
 * protocol, so a caller in another JVM chooses the outcome without talking to the stub. Every
 * answer carries a request id, as AWS's do.
 */
final class AwsStub implements AutoCloseable {
  static final String REQUEST_ID = "req-0001";
  static final String S3_EXTENDED_REQUEST_ID = "ext-id-0001";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AMZ_JSON = "application/x-amz-json-1.0";
  private static final Pattern FAIL = Pattern.compile("fail-(\\d{3})");

  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  AwsStub() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            return answer(request);
          }
        });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code http://127.0.0.1:<port>}, the endpoint override for the clients. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getPort());
  }

  /** Returns the port on 127.0.0.1 the stub listens on. */
  int port() {
    return server.getPort();
  }

  /** Forgets the requests received so far. */
  void reset() {
    requests.clear();
  }

  /** Returns the one request received since {@link #reset}: one call, no retry. */
  RecordedRequest onlyRequest() {
    assertThat(requests).as("requests the AWS stub received").hasSize(1);
    return requests.get(0);
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  private MockResponse answer(RecordedRequest request) {
    String target = request.getHeader("X-Amz-Target");
    int status = requestedStatus(request);
    String path = request.getPath() == null ? "" : request.getPath();
    if (target == null && path.startsWith("/api/")) {
      return new MockResponse()
          .setResponseCode(status == 0 ? 200 : status)
          .setHeader("Content-Type", "text/plain")
          .setBody(status == 0 ? "ok" : "stub answered " + status);
    }
    if (target == null) {
      return status == 0 ? s3ListObjects() : s3Error(status);
    }
    if (status != 0) {
      return jsonError(status);
    }
    if (target.startsWith("DynamoDB_20120810.")) {
      return json("{\"Item\":{\"id\":{\"S\":\"o-1\"},\"total\":{\"N\":\"12\"}}}");
    }
    if (target.equals("AmazonSQS.SendMessage")) {
      String body = field(request, "MessageBody");
      return json("{\"MD5OfMessageBody\":\"" + md5Hex(body) + "\",\"MessageId\":\"m-0001\"}");
    }
    return jsonError(400);
  }

  private static int requestedStatus(RecordedRequest request) {
    Matcher path = FAIL.matcher(request.getPath() == null ? "" : request.getPath());
    if (path.find()) {
      return Integer.parseInt(path.group(1));
    }
    Matcher body = FAIL.matcher(request.getBody().clone().readString(StandardCharsets.UTF_8));
    return body.find() ? Integer.parseInt(body.group(1)) : 0;
  }

  private static MockResponse json(String body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", AMZ_JSON)
        .setHeader("x-amzn-RequestId", REQUEST_ID)
        .setBody(body);
  }

  private static MockResponse jsonError(int status) {
    String type =
        status == 429 ? "ThrottlingException" : status >= 500 ? "InternalServerError" : "ValidationException";
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", AMZ_JSON)
        .setHeader("x-amzn-RequestId", REQUEST_ID)
        .setBody("{\"__type\":\"" + type + "\",\"message\":\"stub answered " + status + "\"}");
  }

  private static MockResponse s3ListObjects() {
    return s3(200)
        .setHeader("Content-Type", "application/xml")
        .setBody(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Name>invoices</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>"
                + "<IsTruncated>false</IsTruncated>"
                + "<Contents><Key>2024/inv-1.pdf</Key><Size>3</Size><StorageClass>STANDARD</StorageClass></Contents>"
                + "</ListBucketResult>");
  }

  private static MockResponse s3Error(int status) {
    String code = status == 429 ? "SlowDown" : status >= 500 ? "InternalError" : "NoSuchBucket";
    return s3(status)
        .setHeader("Content-Type", "application/xml")
        .setBody(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code>"
                + "<Message>stub answered " + status + "</Message><RequestId>" + REQUEST_ID
                + "</RequestId></Error>");
  }

  private static MockResponse s3(int status) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("x-amz-request-id", REQUEST_ID)
        .setHeader("x-amz-id-2", S3_EXTENDED_REQUEST_ID);
  }

  @Nullable
  private static String field(RecordedRequest request, String name) {
    try {
      JsonNode node = JSON.readTree(request.getBody().clone().readString(StandardCharsets.UTF_8)).get(name);
      return node == null ? null : node.asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String md5Hex(@Nullable String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5")
              .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
      return String.format("%032x", new BigInteger(1, digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

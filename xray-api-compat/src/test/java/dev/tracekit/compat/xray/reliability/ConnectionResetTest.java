package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.PipelineStats;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.export.OtlpTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that resets the TCP connection (RST, not a clean close), before answering or in the
 * middle of its answer: nothing reaches the app, the spans are counted, and later ones arrive.
 */
class ConnectionResetTest {
  private enum Action {
    RESET_BEFORE_RESPONSE,
    RESET_MID_BODY,
    OK
  }

  private final ConcurrentLinkedQueue<Action> script = new ConcurrentLinkedQueue<>();
  private final List<String> requestBodies = Collections.synchronizedList(new ArrayList<>());
  private ServerSocket server;
  private Thread acceptor;

  @AfterEach
  void stop() throws Exception {
    TraceKit.shutdown();
    server.close();
    acceptor.join(10_000);
  }

  @Test
  void aResetBeforeTheResponseIsRetriedAndTheBatchDelivered() throws Exception {
    startServer(Action.RESET_BEFORE_RESPONSE);
    TracedApp app = TracedApp.start(endpoint(), 64, 64, 5_000);
    app.produce("reset-early", 5);
    PipelineStats stats = app.flushAndAccount();
    assertThat(stats.getSpansFailed()).isZero();
    assertThat(stats.getSpansExported()).isEqualTo(10);
    assertThat(requestBodies).hasSize(2);
  }

  @Test
  void aResetInTheMiddleOfA200CountsTheSpansAsDeliveredAndTheNextBatchArrives() throws Exception {
    startServer(Action.RESET_MID_BODY);
    TracedApp app = TracedApp.start(endpoint(), 64, 64, 5_000);
    app.produce("reset-late", 5);
    PipelineStats first = app.flushAndAccount();
    // The status line said 200: the receiver has the spans, so they are not sent twice.
    assertThat(first.getSpansExported()).isEqualTo(10);
    assertThat(requestBodies).hasSize(1);

    app.produce("recovered", 5);
    PipelineStats after = app.flushAndAccount();
    assertThat(after.getSpansExported()).isEqualTo(20);
    assertThat(requestBodies).hasSize(2);
    OtlpTestSupport.parse(requestBodies.get(1));
    assertThat(requestBodies.get(1)).contains("recovered-4-sub");
  }

  private void startServer(Action... actions) throws IOException {
    Collections.addAll(script, actions);
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    acceptor = new Thread(this::serve, "reset-test-receiver");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1/traces";
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        // One request per connection: every answer closes it.
        String body = readRequest(socket.getInputStream());
        requestBodies.add(body);
        Action action = script.poll();
        OutputStream out = socket.getOutputStream();
        if (action == Action.RESET_BEFORE_RESPONSE) {
          socket.setSoLinger(true, 0);
        } else if (action == Action.RESET_MID_BODY) {
          out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
              + "Content-Length: 1000\r\n\r\n{\"partialSuccess\":{\"error"));
          out.flush();
          socket.setSoLinger(true, 0);
        } else {
          out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
              + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
          out.flush();
        }
      } catch (IOException e) {
        // Closed by the test, or the client went away.
      }
    }
  }

  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended early");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    int length = 0;
    for (String line : new String(head.toByteArray(), StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    byte[] body = new byte[length];
    int read = 0;
    while (read < length) {
      int n = in.read(body, read, length - read);
      if (n < 0) {
        throw new IOException("body ended early");
      }
      read += n;
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

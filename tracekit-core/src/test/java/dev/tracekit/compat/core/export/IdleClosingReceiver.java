package dev.tracekit.compat.core.export;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/1.1 receiver on loopback that closes a kept-alive connection once it has been idle for
 * a set time, as OTLP receivers and load balancers do, so that the client's pooled connection goes
 * stale. It answers {@code 200 {}} to each request, or drops the connection without an answer when
 * told to. It records the connections it accepted, the ones it closed for idling, and the bodies of
 * the requests it answered. Thread-safe; every wait is bounded.
 */
final class IdleClosingReceiver implements Closeable {
  private static final byte[] OK =
      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
          .getBytes(StandardCharsets.US_ASCII);
  private static final int REQUEST_READ_TIMEOUT_MILLIS = 10_000;

  private final ServerSocket server;
  private final int idleCloseMillis;
  private final Deque<Boolean> drops = new ArrayDeque<>();
  private final List<Socket> open = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();
  private int connections;
  private int idleClosed;
  private int dropped;

  /** Starts serving on an ephemeral loopback port; connections idle this long are closed. */
  IdleClosingReceiver(int idleCloseMillis) throws IOException {
    this.idleCloseMillis = idleCloseMillis;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "idle-closing-receiver-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns the traces URL on this receiver. */
  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1/traces";
  }

  /** Makes the next request read (on any connection) close its connection without an answer. */
  synchronized void dropNextRequest() {
    drops.add(Boolean.TRUE);
  }

  synchronized int connections() {
    return connections;
  }

  synchronized int idleClosed() {
    return idleClosed;
  }

  synchronized int dropped() {
    return dropped;
  }

  /** Returns the bodies of the requests answered with 200, in order. */
  synchronized List<String> answeredBodies() {
    return new ArrayList<>(bodies);
  }

  /** Waits until at least {@code count} connections were closed for idling; false on timeout. */
  synchronized boolean awaitIdleClosed(int count, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (idleClosed < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (this) {
      for (Socket socket : open) {
        socket.close();
      }
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return;
      }
      synchronized (this) {
        connections++;
        open.add(socket);
      }
      Thread connection = new Thread(() -> serve(socket), "idle-closing-receiver-connection");
      connection.setDaemon(true);
      connection.start();
    }
  }

  private void serve(Socket socket) {
    try (Socket s = socket) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        // Waiting for the next request on a kept-alive connection: close it once idle too long.
        s.setSoTimeout(idleCloseMillis);
        int first;
        try {
          first = in.read();
        } catch (SocketTimeoutException e) {
          s.close();
          onIdleClosed();
          return;
        }
        if (first < 0) {
          return;
        }
        s.setSoTimeout(REQUEST_READ_TIMEOUT_MILLIS);
        String body = readRequest(first, in);
        if (takeDrop()) {
          return;
        }
        // Recorded before the answer, so that it is there once the client has its answer.
        synchronized (this) {
          bodies.add(body);
        }
        out.write(OK);
        out.flush();
      }
    } catch (IOException e) {
      // The client went away: so does this connection.
    } finally {
      synchronized (this) {
        open.remove(socket);
      }
    }
  }

  private synchronized boolean takeDrop() {
    if (drops.poll() == null) {
      return false;
    }
    dropped++;
    return true;
  }

  private synchronized void onIdleClosed() {
    idleClosed++;
    notifyAll();
  }

  /** Reads a request whose first byte was already read; returns its body, gunzipped if need be. */
  private static String readRequest(int first, InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.write(first);
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("end of stream in the request head");
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    int contentLength = 0;
    boolean gzip = false;
    for (String line : new String(head.toByteArray(), StandardCharsets.ISO_8859_1).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        contentLength = Integer.parseInt(value);
      } else if (name.equals("content-encoding")) {
        gzip = value.equalsIgnoreCase("gzip");
      }
    }
    byte[] body = new byte[contentLength];
    int read = 0;
    while (read < contentLength) {
      int n = in.read(body, read, contentLength - read);
      if (n < 0) {
        throw new EOFException("end of stream in the request body");
      }
      read += n;
    }
    return new String(gzip ? OtlpTestSupport.gunzip(body) : body, StandardCharsets.UTF_8);
  }
}

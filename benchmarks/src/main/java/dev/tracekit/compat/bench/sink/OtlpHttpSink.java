package dev.tracekit.compat.bench.sink;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A lean OTLP/HTTP receiver on loopback: HTTP/1.1 keep-alive, one thread per connection, reads each
 * request body ({@code Content-Length} or chunked) into a reused buffer, counts its spans and answers
 * {@code 200} at once. It allocates only to parse each header (and to inflate a gzip body, counted as
 * the bytes sent), nothing per span, so it never sets the pace of an exporter (the JDK's {@code com.sun.net.httpserver} stalled ~44 ms per request on
 * loopback here).
 *
 * <p>{@code GET /stats} answers the counters as JSON, for scripts.
 *
 * <p>Optionally it closes a kept-alive connection once it has waited that long for the next request,
 * as OTLP receivers and load balancers do with idle connections (the client's pooled connection then
 * goes stale); a reaper thread checks every {@value #REAPER_PERIOD_MILLIS} ms.
 */
final class OtlpHttpSink implements Closeable {
  private static final byte[] JSON_OK =
      SpanCounting.ascii(
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
  private static final byte[] PROTOBUF_OK =
      SpanCounting.ascii(
          "HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n");
  private static final byte[] BAD_REQUEST =
      SpanCounting.ascii("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final long REAPER_PERIOD_MILLIS = 20;
  /** What {@link Connection#idleSinceNanos} holds while a request is being read or answered. */
  private static final long BUSY = Long.MAX_VALUE;

  private final ServerSocketChannel server;
  private final SinkCounters counters;
  private final Supplier<String> stats;
  private final long idleCloseNanos;
  private final Set<Connection> live = ConcurrentHashMap.newKeySet();

  /** Serves on an ephemeral loopback port; {@code idleCloseMillis} 0 keeps connections open. */
  OtlpHttpSink(SinkCounters counters, Supplier<String> stats, long idleCloseMillis)
      throws IOException {
    this.counters = counters;
    this.stats = stats;
    this.idleCloseNanos = TimeUnit.MILLISECONDS.toNanos(idleCloseMillis);
    this.server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    Thread acceptor = new Thread(this::acceptLoop, "otlp-sink-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    if (idleCloseNanos > 0) {
      Thread reaper = new Thread(this::reapLoop, "otlp-sink-idle-reaper");
      reaper.setDaemon(true);
      reaper.start();
    }
  }

  int port() {
    return server.socket().getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel socket = server.accept();
        counters.otlpConnections.incrementAndGet();
        socket.setOption(StandardSocketOptions.TCP_NODELAY, Boolean.TRUE);
        Thread connection = new Thread(() -> serve(socket), "otlp-sink-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Closes the connections that have waited too long for their next request. */
  private void reapLoop() {
    while (server.isOpen()) {
      long now = System.nanoTime();
      for (Connection connection : live) {
        long idleSince = connection.idleSinceNanos;
        if (idleSince != BUSY && now - idleSince >= idleCloseNanos) {
          live.remove(connection);
          try {
            connection.channel.close();
            counters.otlpIdleClosed.incrementAndGet();
          } catch (IOException e) {
            // Closed either way.
          }
        }
      }
      try {
        Thread.sleep(REAPER_PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void serve(SocketChannel socket) {
    ByteBuffer jsonOk = ByteBuffer.wrap(JSON_OK);
    ByteBuffer protobufOk = ByteBuffer.wrap(PROTOBUF_OK);
    boolean closesIdle = idleCloseNanos > 0;
    Connection connection = null;
    try (SocketChannel s = socket) {
      connection = new Connection(s, closesIdle);
      if (closesIdle) {
        live.add(connection);
      }
      while (true) {
        if (closesIdle) {
          // Waiting for the next request: idle until its first bytes arrive (see Connection.read).
          connection.idleSinceNanos = System.nanoTime();
        }
        int headerLength = connection.readHeader();
        if (headerLength < 0) {
          return;
        }
        String header = new String(connection.header, 0, headerLength, StandardCharsets.ISO_8859_1);
        Request request = Request.parse(header);
        if (request == null) {
          writeFully(s, ByteBuffer.wrap(BAD_REQUEST));
          return;
        }
        if ("GET".equals(request.method)) {
          String body = stats.get();
          writeFully(
              s,
              ByteBuffer.wrap(
                  ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          + body.length()
                          + "\r\n\r\n"
                          + body)
                      .getBytes(StandardCharsets.UTF_8)));
          continue;
        }
        int bodyLength =
            request.chunked ? connection.readChunkedBody() : connection.readBody(request.contentLength);
        if (bodyLength < 0) {
          return;
        }
        byte[] body = connection.body;
        int plainLength = bodyLength;
        if (request.gzip) {
          // Counted on the body as sent; the spans are counted in it once inflated.
          body = gunzip(connection.body, bodyLength);
          plainLength = body.length;
        }
        int spans =
            request.protobuf
                ? SpanCounting.countProtobufSpans(body, plainLength)
                : SpanCounting.countJsonSpans(body, plainLength);
        counters.onOtlpRequest(spans, bodyLength);
        ByteBuffer ok = request.protobuf ? protobufOk : jsonOk;
        ok.rewind();
        writeFully(s, ok);
      }
    } catch (IOException | RuntimeException e) {
      // The client went away (or the reaper closed the connection): so does this connection.
    } finally {
      if (connection != null) {
        live.remove(connection);
      }
    }
  }

  private static byte[] gunzip(byte[] body, int length) throws IOException {
    try (java.util.zip.GZIPInputStream in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body, 0, length), 8192)) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, length * 6));
      byte[] chunk = new byte[8192];
      for (int n; (n = in.read(chunk)) > 0; ) {
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** The parts of a request header the sink needs; created only per header, not per byte. */
  private static final class Request {
    final String method;
    final int contentLength;
    final boolean chunked;
    final boolean protobuf;
    final boolean gzip;

    private Request(String method, int contentLength, boolean chunked, boolean protobuf, boolean gzip) {
      this.method = method;
      this.contentLength = contentLength;
      this.chunked = chunked;
      this.protobuf = protobuf;
      this.gzip = gzip;
    }

    static Request parse(String header) {
      int firstSpace = header.indexOf(' ');
      if (firstSpace <= 0) {
        return null;
      }
      String method = header.substring(0, firstSpace);
      int contentLength = 0;
      boolean chunked = false;
      boolean protobuf = false;
      boolean gzip = false;
      for (String line : header.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          contentLength = Integer.parseInt(value);
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (name.equals("content-type")) {
          protobuf = value.toLowerCase(Locale.ROOT).contains("protobuf");
        } else if (name.equals("content-encoding")) {
          gzip = value.toLowerCase(Locale.ROOT).contains("gzip");
        }
      }
      return new Request(method, contentLength, chunked, protobuf, gzip);
    }
  }

  /**
   * A buffered reader over one connection, with reused header and body buffers. Quick ACKs are
   * re-armed before each read (see {@link QuickAck}).
   */
  private static final class Connection {
    private final SocketChannel channel;
    /** Whether the reaper watches this connection, and so idleSinceNanos is kept up to date. */
    private final boolean closesIdle;
    /** When it began to wait for a request, on the nano clock; {@link #BUSY} while serving one. */
    volatile long idleSinceNanos = BUSY;
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteBuffer bufferView = ByteBuffer.wrap(buffer);
    private int position;
    private int limit;
    final byte[] header = new byte[MAX_HEADER_BYTES];
    byte[] body = new byte[1024 * 1024];
    private ByteBuffer bodyView = ByteBuffer.wrap(body);

    Connection(SocketChannel channel, boolean closesIdle) {
      this.channel = channel;
      this.closesIdle = closesIdle;
    }

    /** Reads up to and including the blank line; returns the header's length, or -1 at EOF. */
    int readHeader() throws IOException {
      int length = 0;
      while (true) {
        int b = read();
        if (b < 0) {
          return -1;
        }
        if (length == header.length) {
          throw new IOException("header too long");
        }
        header[length++] = (byte) b;
        if (length >= 4
            && header[length - 1] == '\n'
            && header[length - 2] == '\r'
            && header[length - 3] == '\n'
            && header[length - 4] == '\r') {
          return length;
        }
      }
    }

    int readBody(int length) throws IOException {
      ensureBody(length);
      return readFully(0, length) ? length : -1;
    }

    int readChunkedBody() throws IOException {
      int total = 0;
      while (true) {
        int size = readChunkSize();
        if (size < 0) {
          return -1;
        }
        if (size == 0) {
          // Trailers (none expected) end with a blank line.
          while (readLineLength() > 0) {
            // skip
          }
          return total;
        }
        ensureBody(total + size);
        if (!readFully(total, size)) {
          return -1;
        }
        total += size;
        readLineLength(); // CRLF after the chunk
      }
    }

    private int readChunkSize() throws IOException {
      int size = 0;
      boolean any = false;
      while (true) {
        int b = read();
        if (b < 0) {
          return -1;
        }
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
          size = size * 16 + digit;
          any = true;
          continue;
        }
        // Extensions, then CRLF.
        while (b != '\n') {
          b = read();
          if (b < 0) {
            return -1;
          }
        }
        return any ? size : -1;
      }
    }

    private int readLineLength() throws IOException {
      int length = 0;
      while (true) {
        int b = read();
        if (b < 0 || b == '\n') {
          return length;
        }
        if (b != '\r') {
          length++;
        }
      }
    }

    private void ensureBody(int length) {
      if (body.length < length) {
        byte[] bigger = new byte[Math.max(length, body.length * 2)];
        System.arraycopy(body, 0, bigger, 0, body.length);
        body = bigger;
        bodyView = ByteBuffer.wrap(body);
      }
    }

    private boolean readFully(int offset, int length) throws IOException {
      int done = 0;
      int buffered = Math.min(limit - position, length);
      if (buffered > 0) {
        System.arraycopy(buffer, position, body, offset, buffered);
        position += buffered;
        done = buffered;
      }
      bodyView.limit(offset + length).position(offset + done);
      while (bodyView.hasRemaining()) {
        QuickAck.arm(channel);
        if (channel.read(bodyView) < 0) {
          return false;
        }
      }
      return true;
    }

    private int read() throws IOException {
      if (position == limit) {
        QuickAck.arm(channel);
        bufferView.clear();
        int n = channel.read(bufferView);
        position = 0;
        limit = Math.max(n, 0);
        if (n <= 0) {
          return -1;
        }
        if (closesIdle) {
          idleSinceNanos = BUSY;
        }
      }
      return buffer[position++] & 0xff;
    }
  }
}

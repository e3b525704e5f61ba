package dev.tracekit.compat.core.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The test kit's raw-socket OTLP/HTTP receiver, for what {@link ScriptedOtlpReceiver}'s
 * MockWebServer cannot do: volume (it keeps no request), connection counts, and closing idle
 * kept-alive connections. HTTP/1.1 with keep-alive on a plain {@link ServerSocket}, one daemon
 * thread per connection. It answers each POST with {@code 200 {}} as soon as the body is in (one
 * write, {@code TCP_NODELAY}: no Nagle stall), then decodes the body, keeping only each span's
 * trace id, span id, parent span id and name, which it hands to a {@link SpanSink}: a protobuf body
 * ({@code application/x-protobuf}) with the official proto's {@code parseFrom}, a JSON body with
 * Jackson's streaming parser. The first {@link #checkWithProto few} JSON bodies are also parsed with
 * the official proto.
 *
 * <p>Faults: {@link #silent()} makes it read requests and never answer; {@link
 * #closeIdleConnectionsAfter} closes a kept-alive connection once idle that long, as OTLP
 * receivers and load balancers do, so that a client's pooled connection goes stale; {@link
 * #failNextRequests} closes or resets a connection instead of answering (or in the middle of the
 * answer).
 *
 * <p>It counts requests, spans and connections (open now, at most, in all, closed for idling) and
 * records anything malformed in {@link #errors()}. Thread-safe; every wait is bounded.
 */
public final class LoopbackOtlpReceiver implements Closeable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] OK =
      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
          .getBytes(StandardCharsets.US_ASCII);

  private static final int REQUEST_READ_TIMEOUT_MILLIS = 10_000;

  /** What the receiver does with one request instead of answering it. */
  public enum Fault {
    /** Closes the connection without an answer. */
    CLOSE,
    /** Resets the connection (TCP RST, not a clean close) without an answer. */
    RESET,
    /** Sends the head of a 200 and part of its body, then resets the connection. */
    RESET_MID_ANSWER
  }

  /** Receives each decoded span; called from the connection threads. */
  public interface SpanSink {
    /** {@code parentSpanId} is 0 for a root span. */
    void accept(long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, String name);
  }

  private final ServerSocket server;
  private final SpanSink sink;
  private final Thread acceptor;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<String>());
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong decoded = new AtomicLong();
  private final AtomicLong spans = new AtomicLong();
  private final AtomicInteger protoChecksLeft = new AtomicInteger();
  private final AtomicInteger idleClosed = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Body> receivedBodies = new ArrayList<>();
  private final List<Body> answeredBodies = new ArrayList<>();
  private volatile boolean answering = true;
  // answerInGroupsOf: how many requests each answer waits for (1: none), and how many wait now.
  private volatile int answerGroup = 1;
  private int waitingForGroup;
  private long groupsAnswered;
  private volatile boolean gzipAccepted;
  private volatile boolean recordingBodies;
  private volatile int idleCloseMillis;
  private volatile boolean closed;

  private LoopbackOtlpReceiver(SpanSink sink) throws IOException {
    this.sink = sink;
    this.server = new ServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
    this.acceptor = new Thread(this::accept, "collector-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a receiver on a free loopback port that hands every span to {@code sink}. */
  public static LoopbackOtlpReceiver start(SpanSink sink) throws IOException {
    return new LoopbackOtlpReceiver(sink);
  }

  /** Starts a receiver on a free loopback port that only counts the spans. */
  public static LoopbackOtlpReceiver start() throws IOException {
    return new LoopbackOtlpReceiver((high, low, spanId, parentSpanId, name) -> {});
  }

  /** Returns the traces URL on this receiver. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1/traces";
  }

  /** Checks the next {@code bodies} bodies with the official proto as well (slow; for a sample). */
  public LoopbackOtlpReceiver checkWithProto(int bodies) {
    protoChecksLeft.set(bodies);
    return this;
  }

  /** Reads requests from now on and answers none (the connections stay open). */
  public LoopbackOtlpReceiver silent() {
    answering = false;
    return this;
  }

  /**
   * Holds each answer until {@code requests} requests (on as many connections) are waiting for
   * theirs, then answers them together: a client sending that many at once has them all in flight
   * on their own connections. A request left alone is answered after 10 s.
   */
  public LoopbackOtlpReceiver answerInGroupsOf(int requests) {
    answerGroup = requests;
    return this;
  }

  private synchronized void awaitGroup() {
    long group = groupsAnswered;
    if (++waitingForGroup >= answerGroup) {
      waitingForGroup = 0;
      groupsAnswered++;
      notifyAll();
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (groupsAnswered == group) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        waitingForGroup--;
        return;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        // close(): answer now.
        Thread.currentThread().interrupt();
        waitingForGroup--;
        return;
      }
    }
  }

  /** Closes a kept-alive connection once it waited this long for its next request. */
  public LoopbackOtlpReceiver closeIdleConnectionsAfter(int millis) {
    idleCloseMillis = millis;
    return this;
  }

  /** Takes gzip-compressed bodies (by default a {@code Content-Encoding} is an error). */
  public LoopbackOtlpReceiver acceptGzip() {
    gzipAccepted = true;
    return this;
  }

  /**
   * Keeps the body (gunzipped) of every request, for {@link #receivedBodies()} and {@link
   * #answeredBodies()}.
   */
  public LoopbackOtlpReceiver recordBodies() {
    recordingBodies = true;
    return this;
  }

  /** Makes the next request read (on any connection) close its connection without an answer. */
  public void dropNextRequest() {
    failNextRequests(Fault.CLOSE);
  }

  /** Makes the next requests read (on any connection) meet these faults, in order. */
  public synchronized LoopbackOtlpReceiver failNextRequests(Fault... next) {
    Collections.addAll(faults, next);
    return this;
  }

  /** Returns the recorded bodies of every request read, faulted or not, in order. */
  public synchronized List<Body> receivedBodies() {
    return new ArrayList<>(receivedBodies);
  }

  /** Returns the recorded bodies of the requests answered, in order ({@link #recordBodies()}). */
  public synchronized List<Body> answeredBodies() {
    return new ArrayList<>(answeredBodies);
  }

  /** A recorded request body, gunzipped, with its content type. */
  public static final class Body {
    private final byte[] bytes;
    private final String contentType;

    Body(byte[] bytes, String contentType) {
      this.bytes = bytes;
      this.contentType = contentType;
    }

    /** Parses the body with the official proto, as its content type says. */
    public ExportTraceServiceRequest parse() {
      return OtlpTestSupport.parse(bytes, contentType);
    }
  }

  /** Returns how many requests met a {@link Fault} instead of an answer. */
  public int dropped() {
    return dropped.get();
  }

  /** Returns how many connections were closed for idling. */
  public int idleClosed() {
    return idleClosed.get();
  }

  /** Waits until at least {@code count} connections were closed for idling; false on timeout. */
  public boolean awaitIdleClosed(int count, long timeout, TimeUnit unit)
      throws InterruptedException {
    return await(() -> idleClosed.get() >= count, unit.toMillis(timeout), TimeUnit.MILLISECONDS);
  }

  public long requests() {
    return requests.get();
  }

  public long spans() {
    return spans.get();
  }

  public int maxOpenConnections() {
    return maxOpen.get();
  }

  public int connectionsAccepted() {
    return accepted.get();
  }

  public List<String> errors() {
    synchronized (errors) {
      return new ArrayList<>(errors);
    }
  }

  /**
   * Waits until every request received so far is decoded and at least {@code minSpans} spans came
   * in, at most {@code seconds}. Returns whether that happened.
   */
  public boolean awaitDecoded(long minSpans, long seconds) throws InterruptedException {
    return await(
        () -> decoded.get() == requests.get() && spans.get() >= minSpans,
        seconds,
        TimeUnit.SECONDS);
  }

  /** Waits until at most {@code connections} connections are open, at most {@code seconds}. */
  public boolean awaitOpenConnectionsAtMost(int connections, long seconds)
      throws InterruptedException {
    return await(() -> open.get() <= connections, seconds, TimeUnit.SECONDS);
  }

  private static boolean await(
      BooleanSupplier condition, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(5); // polling a condition, bounded: liveness only
    }
    return true;
  }

  private void accept() {
    int n = 0;
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      sockets.add(socket);
      Thread thread = new Thread(() -> serve(socket), "collector-connection-" + ++n);
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      OutputStream out = socket.getOutputStream();
      byte[] body = new byte[1 << 16];
      while (true) {
        if (!awaitNextRequest(socket, in)) {
          return;
        }
        Head head = readHead(in);
        if (head == null) {
          return; // the client closed the connection
        }
        int length = head.contentLength;
        if (body.length < length) {
          body = new byte[Math.max(length, body.length * 2)];
        }
        readFully(in, body, length);
        byte[] plain = body;
        int plainLength = length;
        if (head.gzip) {
          plain = OtlpTestSupport.gunzip(Arrays.copyOf(body, length));
          plainLength = plain.length;
        }
        Body recorded =
            recordingBodies ? new Body(Arrays.copyOf(plain, plainLength), head.contentType) : null;
        Fault fault = takeFault(recorded);
        if (fault != null) {
          fail(socket, out, fault);
          return;
        }
        requests.incrementAndGet();
        if (!answering) {
          // Never answer: read on until the client goes away.
          while (in.read(body) >= 0) {}
          return;
        }
        if (answerGroup > 1) {
          awaitGroup();
        }
        if (recorded != null) {
          // Recorded before the answer, so that it is there once the client has its answer.
          synchronized (this) {
            answeredBodies.add(recorded);
          }
        }
        out.write(OK);
        out.flush();
        if (head.protobuf) {
          decodeProtobuf(plain, plainLength);
        } else {
          decode(plain, plainLength);
        }
        decoded.incrementAndGet();
      }
    } catch (SocketException e) {
      // Reset by the client, or closed by close() or for idling.
    } catch (IOException | RuntimeException e) {
      errors.add("connection: " + e);
    } finally {
      sockets.remove(socket);
      open.decrementAndGet();
      try {
        socket.close();
      } catch (IOException e) {
        // Closing.
      }
    }
  }

  /**
   * Waits for the first byte of the next request, closing the connection once idle for too long
   * when asked to; false when the connection is closed (by the client, or for idling).
   */
  private boolean awaitNextRequest(Socket socket, InputStream in) throws IOException {
    int idle = idleCloseMillis;
    if (idle <= 0) {
      return true;
    }
    socket.setSoTimeout(idle);
    in.mark(1);
    try {
      if (in.read() < 0) {
        return false;
      }
    } catch (SocketTimeoutException e) {
      socket.close();
      idleClosed.incrementAndGet();
      return false;
    }
    in.reset();
    socket.setSoTimeout(REQUEST_READ_TIMEOUT_MILLIS);
    return true;
  }

  /** Records the body (when kept) and returns the fault this request meets, if any. */
  private synchronized Fault takeFault(Body recorded) {
    if (recorded != null) {
      receivedBodies.add(recorded);
    }
    Fault fault = faults.poll();
    if (fault != null) {
      dropped.incrementAndGet();
    }
    return fault;
  }

  /** Ends the connection as {@code fault} says; the caller's finally closes the socket. */
  private static void fail(Socket socket, OutputStream out, Fault fault) throws IOException {
    if (fault == Fault.RESET_MID_ANSWER) {
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                  + "{\"partialSuccess\":{\"error")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    if (fault != Fault.CLOSE) {
      socket.setSoLinger(true, 0); // the close that follows sends a reset
    }
  }

  /** A request head: its body's length, whether the body is gzip-compressed, and protobuf. */
  private static final class Head {
    final int contentLength;
    final boolean gzip;
    final String contentType;
    final boolean protobuf;

    Head(int contentLength, boolean gzip, String contentType) {
      this.contentLength = contentLength;
      this.gzip = gzip;
      this.contentType = contentType;
      this.protobuf = "application/x-protobuf".equals(contentType);
    }
  }

  /** Reads a request head; returns null at end of stream before a request. */
  private Head readHead(InputStream in) throws IOException {
    String requestLine = readLine(in);
    if (requestLine == null) {
      return null;
    }
    if (!requestLine.startsWith("POST /v1/traces ")) {
      errors.add("unexpected request line: " + requestLine);
    }
    int length = -1;
    boolean gzip = false;
    String contentType = null;
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      } else if (lower.startsWith("content-type:")) {
        contentType = lower.substring("content-type:".length()).trim();
      } else if (gzipAccepted && lower.startsWith("content-encoding:") && lower.endsWith("gzip")) {
        gzip = true;
      } else if (lower.startsWith("content-encoding:") || lower.startsWith("transfer-encoding:")) {
        errors.add("unexpected header: " + line);
      }
    }
    if (length < 0) {
      throw new IOException("request without Content-Length: " + requestLine);
    }
    if (!"application/x-protobuf".equals(contentType) && !"application/json".equals(contentType)) {
      errors.add("unexpected content type: " + contentType);
    }
    return new Head(length, gzip, contentType);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int end = line.length();
        boolean crlf = end > 0 && line.charAt(end - 1) == '\r';
        return crlf ? line.substring(0, end - 1) : line.toString();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static void readFully(InputStream in, byte[] buffer, int length) throws IOException {
    int read = 0;
    while (read < length) {
      int n = in.read(buffer, read, length - read);
      if (n < 0) {
        throw new IOException("body ended after " + read + " of " + length + " bytes");
      }
      read += n;
    }
  }

  // --- decoding: resourceSpans[].scopeSpans[].spans[] {traceId, spanId, parentSpanId, name} ---

  private void decodeProtobuf(byte[] body, int length) {
    try {
      ExportTraceServiceRequest request =
          ExportTraceServiceRequest.parseFrom(new ByteArrayInputStream(body, 0, length));
      for (io.opentelemetry.proto.trace.v1.Span span : OtlpTestSupport.allSpans(request)) {
        ByteBuffer traceId = span.getTraceId().asReadOnlyByteBuffer();
        if (span.getTraceId().size() != 16 || span.getSpanId().size() != 8) {
          throw new IOException("ids of the wrong length in span " + span.getName());
        }
        long parentSpanId = 0;
        if (!span.getParentSpanId().isEmpty()) {
          if (span.getParentSpanId().size() != 8) {
            throw new IOException("parent span id of the wrong length in span " + span.getName());
          }
          parentSpanId = span.getParentSpanId().asReadOnlyByteBuffer().getLong();
        }
        spans.incrementAndGet();
        sink.accept(
            traceId.getLong(),
            traceId.getLong(),
            span.getSpanId().asReadOnlyByteBuffer().getLong(),
            parentSpanId,
            span.getName());
      }
    } catch (IOException | RuntimeException e) {
      errors.add("undecodable protobuf body: " + e);
    }
  }

  private void decode(byte[] body, int length) {
    if (protoChecksLeft.getAndDecrement() > 0) {
      try {
        OtlpTestSupport.parse(new String(body, 0, length, StandardCharsets.UTF_8));
      } catch (RuntimeException | AssertionError e) {
        errors.add("not valid OTLP: " + e);
      }
    }
    try (JsonParser parser = JSON.createParser(body, 0, length)) {
      expect(parser, JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("resourceSpans")) {
          while (nextObjectInArray(parser)) {
            resourceSpans(parser);
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      errors.add("undecodable body: " + e);
    }
  }

  private void resourceSpans(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("scopeSpans")) {
        while (nextObjectInArray(parser)) {
          scopeSpans(parser);
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  private void scopeSpans(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("spans")) {
        while (nextObjectInArray(parser)) {
          span(parser);
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  private void span(JsonParser parser) throws IOException {
    long traceHigh = 0;
    long traceLow = 0;
    long spanId = 0;
    long parentSpanId = 0;
    String name = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "traceId":
          expectHex(parser, 32);
          traceHigh = hex(parser, 0);
          traceLow = hex(parser, 16);
          break;
        case "spanId":
          expectHex(parser, 16);
          spanId = hex(parser, 0);
          break;
        case "parentSpanId":
          if (parser.getTextLength() > 0) {
            expectHex(parser, 16);
            parentSpanId = hex(parser, 0);
          }
          break;
        case "name":
          name = parser.getText();
          break;
        default:
          parser.skipChildren();
      }
    }
    spans.incrementAndGet();
    sink.accept(traceHigh, traceLow, spanId, parentSpanId, name);
  }

  /**
   * Moves to the next object of the array the parser is in (its value token is the array's start
   * or the end of the previous object); false at the array's end.
   */
  private static boolean nextObjectInArray(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY
        && parser.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException("expected an array, got " + parser.currentToken());
    }
    JsonToken token = parser.nextToken();
    if (token == JsonToken.END_ARRAY) {
      return false;
    }
    if (token != JsonToken.START_OBJECT) {
      throw new IOException("expected an object in the array, got " + token);
    }
    return true;
  }

  private static void expect(JsonParser parser, JsonToken expected) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != expected) {
      throw new IOException("expected " + expected + ", got " + token);
    }
  }

  private static void expectHex(JsonParser parser, int length) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING || parser.getTextLength() != length) {
      throw new IOException("expected " + length + " hex digits, got " + parser.getText());
    }
  }

  /** Parses 16 lowercase hex digits of the current string value, from {@code offset}. */
  private static long hex(JsonParser parser, int offset) throws IOException {
    char[] chars = parser.getTextCharacters();
    int start = parser.getTextOffset() + offset;
    long value = 0;
    for (int i = start; i < start + 16; i++) {
      char c = chars[i];
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) {
        throw new IOException("not lowercase hex: " + parser.getText());
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  /** Stops accepting and closes every connection; what was counted stays readable. */
  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}

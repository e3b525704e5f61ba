package dev.tracekit.compat.bridge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Reads one daemon datagram: the header line {@code {"format":"json","version":1}}, a newline, and
 * one segment or subsegment document. Returns the document as maps and lists (as JSON holds it), or
 * says why the datagram is {@link Malformed}. Thread-safe; never throws for bad input.
 */
final class DatagramDecoder {
  // The header as the SDKs write it: Node.js compact; Java, Python and Go with spaces.
  private static final byte[] HEADER =
      "{\"format\":\"json\",\"version\":1}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SPACED_HEADER =
      "{\"format\": \"json\", \"version\": 1}".getBytes(StandardCharsets.US_ASCII);

  private final ObjectMapper mapper =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** What one datagram gave: a document, or why there is none. */
  static final class Result {
    @Nullable final Map<String, Object> document;
    @Nullable final Malformed malformed;

    private Result(@Nullable Map<String, Object> document, @Nullable Malformed malformed) {
      this.document = document;
      this.malformed = malformed;
    }
  }

  /** Decodes {@code length} bytes of {@code data} from {@code offset}. */
  Result decode(byte[] data, int offset, int length) {
    int body = bodyStart(data, offset, length);
    if (body < 0) {
      return new Result(null, Malformed.NO_HEADER);
    }
    Object value;
    int bodyLength = offset + length - body;
    try {
      value = mapper.readValue(data, body, bodyLength, Object.class);
    } catch (IOException | RuntimeException e) {
      // The parser's exceptions do not tell a cut document (even an empty one) from one that is
      // not JSON: a cut "tr" is an unrecognized token, a cut after a comma either kind of EOF.
      return new Result(
          null,
          TruncatedJson.isTruncated(data, body, bodyLength) ? Malformed.TRUNCATED : Malformed.NOT_JSON);
    }
    if (!(value instanceof Map)) {
      // Valid JSON (JSON null included) that is not an object.
      return new Result(null, Malformed.NOT_A_SEGMENT);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> document = (Map<String, Object>) value;
    return new Result(document, null);
  }

  /**
   * Returns where the document starts (after the header line and its newline), or -1 when there is
   * no header. The header is the daemon's: a JSON object with {@code "format":"json"} and {@code
   * "version":1}, however it is spaced (the SDKs' two spellings are the fast path).
   */
  private int bodyStart(byte[] data, int offset, int length) {
    int end = offset + length;
    int newline = -1;
    for (int i = offset; i < end; i++) {
      if (data[i] == '\n') {
        newline = i;
        break;
      }
    }
    if (newline < 0) {
      return -1;
    }
    int from = skipSpaces(data, offset, newline);
    int to = newline;
    while (to > from && (data[to - 1] == ' ' || data[to - 1] == '\t' || data[to - 1] == '\r')) {
      to--;
    }
    if ((to - from == HEADER.length && startsWith(data, from, HEADER))
        || (to - from == SPACED_HEADER.length && startsWith(data, from, SPACED_HEADER))) {
      return newline + 1;
    }
    try {
      Object header = mapper.readValue(data, from, to - from, Object.class);
      if (header instanceof Map
          && "json".equals(((Map<?, ?>) header).get("format"))
          && Integer.valueOf(1).equals(((Map<?, ?>) header).get("version"))) {
        return newline + 1;
      }
    } catch (IOException | RuntimeException e) {
      // Not a header.
    }
    return -1;
  }

  private static boolean startsWith(byte[] data, int from, byte[] prefix) {
    for (int j = 0; j < prefix.length; j++) {
      if (data[from + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpaces(byte[] data, int from, int end) {
    int i = from;
    while (i < end && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
      i++;
    }
    return i;
  }
}

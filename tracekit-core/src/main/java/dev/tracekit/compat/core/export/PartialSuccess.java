package dev.tracekit.compat.core.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code partialSuccess} of an OTLP {@code ExportTraceServiceResponse}: how many spans of an
 * accepted request the receiver dropped anyway, and why. Read from a JSON body with Jackson's
 * streaming parser, or from a protobuf body ({@code partial_success} = 1, in it {@code
 * rejected_spans} = 1 and {@code error_message} = 2); unknown fields are skipped. Immutable.
 */
final class PartialSuccess {
  static final PartialSuccess NONE = new PartialSuccess(0, "");
  /** Longest receiver message kept, in characters. */
  static final int MAX_MESSAGE_LENGTH = 1024;

  private final long rejectedSpans;
  private final String errorMessage;

  private PartialSuccess(long rejectedSpans, String errorMessage) {
    this.rejectedSpans = rejectedSpans;
    this.errorMessage = errorMessage;
  }

  /** Returns how many spans the receiver rejected. */
  long getRejectedSpans() {
    return rejectedSpans;
  }

  /** Returns the receiver's explanation, or an empty string. */
  String getErrorMessage() {
    return errorMessage;
  }

  /** Reads a response body, protobuf when {@code protobuf}, else JSON ({@link #parse}). */
  static PartialSuccess parse(InputStream body, boolean protobuf) throws IOException {
    return protobuf ? parseProtobuf(body) : parse(body);
  }

  /**
   * Reads a protobuf {@code ExportTraceServiceResponse}. An empty body, or one without {@code
   * partial_success}, gives {@link #NONE}.
   *
   * @throws IOException when the body is not protobuf (truncated, a wire type it cannot have...)
   */
  static PartialSuccess parseProtobuf(InputStream body) throws IOException {
    ProtoReader response = new ProtoReader(body, Long.MAX_VALUE);
    PartialSuccess result = NONE;
    int tag;
    while ((tag = response.readTag()) != 0) {
      if (tag == ProtoBytes.tag(1, ProtoBytes.LEN)) {
        result = parsePartialSuccess(new ProtoReader(body, response.readLength()));
      } else {
        response.skip(tag);
      }
    }
    return result;
  }

  private static PartialSuccess parsePartialSuccess(ProtoReader reader) throws IOException {
    long rejected = 0;
    String message = "";
    int tag;
    while ((tag = reader.readTag()) != 0) {
      if (tag == ProtoBytes.tag(1, ProtoBytes.VARINT)) {
        rejected = reader.readVarint();
      } else if (tag == ProtoBytes.tag(2, ProtoBytes.LEN)) {
        message = truncate(reader.readString(4 * MAX_MESSAGE_LENGTH + 4));
      } else {
        reader.skip(tag);
      }
    }
    return rejected == 0 && message.isEmpty() ? NONE : new PartialSuccess(rejected, message);
  }

  /**
   * Reads a response body. An empty body, or one without {@code partialSuccess}, gives {@link
   * #NONE}.
   *
   * @throws IOException when the body is not a JSON object (an HTML error page, protobuf...)
   */
  static PartialSuccess parse(InputStream body) throws IOException {
    try (JsonParser parser = OtlpJsonMarshaler.JSON_FACTORY.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return NONE;
      }
      if (first != JsonToken.START_OBJECT) {
        throw new IOException("response body is not a JSON object but starts with " + first);
      }
      PartialSuccess result = NONE;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.getText(); // a FIELD_NAME token's text is the name
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_OBJECT
            && ("partialSuccess".equals(field) || "partial_success".equals(field))) {
          result = parsePartialSuccess(parser);
        } else {
          parser.skipChildren();
        }
      }
      return result;
    }
  }

  private static PartialSuccess parsePartialSuccess(JsonParser parser) throws IOException {
    long rejected = 0;
    String message = "";
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.getText(); // a FIELD_NAME token's text is the name
      JsonToken value = parser.nextToken();
      if ("rejectedSpans".equals(field) || "rejected_spans".equals(field)) {
        // proto3 JSON writes int64 as a string, but receivers may also send a number.
        rejected =
            value == JsonToken.VALUE_STRING ? parseLong(parser.getText()) : parser.getValueAsLong();
      } else if ("errorMessage".equals(field) || "error_message".equals(field)) {
        message = value == JsonToken.VALUE_STRING ? truncate(parser.getText()) : "";
      } else {
        parser.skipChildren();
      }
    }
    return rejected == 0 && message.isEmpty() ? NONE : new PartialSuccess(rejected, message);
  }

  /**
   * Keeps the start of a receiver's message: it ends up in a log line, and a receiver (or a proxy)
   * can send megabytes of it.
   */
  static String truncate(String message) {
    if (message.length() <= MAX_MESSAGE_LENGTH) {
      return message;
    }
    return message.substring(0, MAX_MESSAGE_LENGTH)
        + "... ("
        + (message.length() - MAX_MESSAGE_LENGTH)
        + " more characters)";
  }

  private static long parseLong(String text) throws IOException {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IOException("rejectedSpans is not an integer");
    }
  }

  /** Reads the fields of one protobuf message, at most {@code limit} bytes of the stream. */
  private static final class ProtoReader {
    private final InputStream in;
    private long left;

    ProtoReader(InputStream in, long limit) {
      this.in = in;
      this.left = limit;
    }

    /** Returns the next field's tag, or 0 at the end of the message. */
    int readTag() throws IOException {
      if (left == 0) {
        return 0;
      }
      long tag = readVarint(true); // the outermost message ends with the stream: -1
      if (tag < 0) {
        return 0;
      }
      if (tag > Integer.MAX_VALUE || (tag >>> 3) == 0) {
        throw new IOException("not a protobuf response: tag " + tag);
      }
      return (int) tag;
    }

    long readVarint() throws IOException {
      return readVarint(false);
    }

    /** Reads a varint; at the end of the stream returns -1 when {@code endAllowed}. */
    private long readVarint(boolean endAllowed) throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = read();
        if (b < 0) {
          if (endAllowed && shift == 0 && left == Long.MAX_VALUE) {
            return -1;
          }
          throw new IOException("protobuf response ends inside a field");
        }
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IOException("protobuf varint longer than 10 bytes");
    }

    /** Reads a length-delimited field's length, checked against what is left. */
    long readLength() throws IOException {
      long length = readVarint();
      if (length < 0 || (left != Long.MAX_VALUE && length > left)) {
        throw new IOException("protobuf length " + length + " past the message's end");
      }
      if (left != Long.MAX_VALUE) {
        left -= length;
      }
      return length;
    }

    /** Reads a string field's value, keeping at most {@code maxBytes} of it. */
    String readString(int maxBytes) throws IOException {
      long length = readLength();
      int kept = (int) Math.min(length, maxBytes);
      byte[] bytes = new byte[kept];
      for (int i = 0; i < kept; i++) {
        bytes[i] = (byte) readByte();
      }
      skipBytes(length - kept);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips the value of a field of this tag. */
    void skip(int tag) throws IOException {
      switch (tag & 7) {
        case ProtoBytes.VARINT:
          readVarint();
          return;
        case ProtoBytes.FIXED64:
          skipCounted(8);
          return;
        case ProtoBytes.LEN:
          skipBytes(readLength());
          return;
        case ProtoBytes.FIXED32:
          skipCounted(4);
          return;
        default:
          throw new IOException("not a protobuf response: wire type " + (tag & 7));
      }
    }

    private void skipCounted(int bytes) throws IOException {
      if (left != Long.MAX_VALUE) {
        if (bytes > left) {
          throw new IOException("protobuf field past the message's end");
        }
        left -= bytes;
      }
      skipBytes(bytes);
    }

    /** Skips bytes already counted off {@code left}. */
    private void skipBytes(long bytes) throws IOException {
      for (long i = 0; i < bytes; i++) {
        readByte();
      }
    }

    private int readByte() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new IOException("protobuf response ends inside a field");
      }
      return b;
    }

    /** Reads one byte counted off {@code left}; -1 at the end of the stream. */
    private int read() throws IOException {
      if (left != Long.MAX_VALUE) {
        if (left == 0) {
          throw new IOException("protobuf field past the message's end");
        }
        left--;
      }
      return in.read();
    }
  }

  @Override
  public String toString() {
    return "PartialSuccess{rejectedSpans=" + rejectedSpans + ", errorMessage=" + errorMessage + '}';
  }
}

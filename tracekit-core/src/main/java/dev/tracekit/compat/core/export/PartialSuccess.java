package dev.tracekit.compat.core.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * The {@code partialSuccess} of an OTLP {@code ExportTraceServiceResponse}: how many spans of an
 * accepted request the receiver dropped anyway, and why. Read with Jackson's streaming parser;
 * unknown fields are skipped. Immutable.
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

  @Override
  public String toString() {
    return "PartialSuccess{rejectedSpans=" + rejectedSpans + ", errorMessage=" + errorMessage + '}';
  }
}

package dev.tracekit.compat.testkit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test kit's OTLP/JSON decoder: reads a trace export written as OTLP/JSON (ids as lowercase
 * hex, as OTLP/JSON requires) into the official {@link ExportTraceServiceRequest}. Protobuf's
 * {@link JsonFormat} reads {@code bytes} fields as base64, so the id fields are checked and
 * rewritten first.
 */
public final class OtlpJson {
  /** An id field and its string value; in valid JSON a quote inside a string is escaped. */
  private static final Pattern ID_FIELD =
      Pattern.compile(
          "\"(traceId|trace_id|spanId|span_id|parentSpanId|parent_span_id)\""
              + "(\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]*");

  private OtlpJson() {}

  /** A body that is not a valid OTLP/JSON trace export; the message says what is wrong. */
  public static final class InvalidExportException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidExportException(String message, Throwable cause) {
      super(message, cause);
    }

    InvalidExportException(String message) {
      super(message);
    }
  }

  /**
   * Parses an OTLP/JSON trace export. Each id must be lowercase hex of its length (32 digits for a
   * trace id, 16 for a span id), or empty when {@code allowEmptyIds}. Unknown fields fail the parse
   * unless {@code ignoreUnknownFields} (as receivers do for newer senders).
   */
  public static ExportTraceServiceRequest parse(
      String json, boolean allowEmptyIds, boolean ignoreUnknownFields)
      throws InvalidExportException {
    String rewritten = hexIdsToBase64(json, allowEmptyIds);
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    JsonFormat.Parser parser = JsonFormat.parser();
    try {
      (ignoreUnknownFields ? parser.ignoringUnknownFields() : parser).merge(rewritten, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new InvalidExportException(
          "not an OTLP JSON ExportTraceServiceRequest: " + e.getMessage(), e);
    }
    return builder.build();
  }

  /** Rewrites the hex values of the id fields as base64, checking each. */
  static String hexIdsToBase64(String json, boolean allowEmptyIds) throws InvalidExportException {
    Matcher m = ID_FIELD.matcher(json);
    StringBuffer out = new StringBuffer(json.length());
    while (m.find()) {
      String field = m.group(1);
      String hex = m.group(3);
      int digits = field.startsWith("trace") ? 32 : 16;
      boolean valid =
          HEX.matcher(hex).matches()
              && (hex.length() == digits || (allowEmptyIds && hex.isEmpty()));
      if (!valid) {
        throw new InvalidExportException(
            field + " \"" + hex + "\" is not " + digits + " lowercase hex digits");
      }
      String base64 = Base64.getEncoder().encodeToString(hexToBytes(hex));
      String replacement = "\"" + field + "\"" + m.group(2) + "\"" + base64 + "\"";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static byte[] hexToBytes(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}

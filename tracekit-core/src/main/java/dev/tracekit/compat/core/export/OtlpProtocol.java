package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.trace.SpanData;
import java.io.IOException;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The encoding of OTLP/HTTP request bodies: {@code http/protobuf} (the default, as OpenTelemetry's)
 * or {@code http/json}. Both go to the same path; the {@code Content-Type} tells them apart.
 */
public enum OtlpProtocol {
  /** The protobuf binary encoding, {@code application/x-protobuf}. */
  HTTP_PROTOBUF("http/protobuf", "application/x-protobuf") {
    @Override
    void writeRequest(List<SpanData> spans, RequestBuffer out) throws IOException {
      OtlpProtoMarshaler.writeRequest(spans, out);
    }
  },
  /** The proto3 JSON encoding, {@code application/json}. */
  HTTP_JSON("http/json", "application/json") {
    @Override
    void writeRequest(List<SpanData> spans, RequestBuffer out) throws IOException {
      OtlpJsonMarshaler.writeRequest(spans, out);
    }
  };

  private final String value;
  private final String contentType;

  OtlpProtocol(String value, String contentType) {
    this.value = value;
    this.contentType = contentType;
  }

  /** Returns the name OpenTelemetry's settings use: {@code http/protobuf} or {@code http/json}. */
  public String getValue() {
    return value;
  }

  /** Returns the media type of request bodies. */
  public String getContentType() {
    return contentType;
  }

  /** Returns the protocol named {@code value} ({@link #getValue()}, any case), or null. */
  @Nullable
  public static OtlpProtocol fromValue(String value) {
    for (OtlpProtocol protocol : values()) {
      if (protocol.value.equalsIgnoreCase(value.trim())) {
        return protocol;
      }
    }
    return null;
  }

  /** Writes the request for {@code spans} to {@code out}, which it may keep scratch tables in. */
  abstract void writeRequest(List<SpanData> spans, RequestBuffer out) throws IOException;

  @Override
  public String toString() {
    return value;
  }
}

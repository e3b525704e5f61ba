package com.amazonaws.xray.entities;

/** Names of HTTP headers X-Ray instrumentation reads. */
public final class EntityHeaderKeys {
  private EntityHeaderKeys() {}

  /** AWS response headers. */
  public static final class AWS {
    public static final String EXTENDED_REQUEST_ID_HEADER = "x-amz-id-2";

    private AWS() {}
  }

  /** Standard HTTP headers. */
  public static final class HTTP {
    public static final String CONTENT_LENGTH_HEADER = "Content-Length";

    private HTTP() {}
  }
}

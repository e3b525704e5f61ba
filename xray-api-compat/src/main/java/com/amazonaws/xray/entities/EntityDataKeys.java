package com.amazonaws.xray.entities;

/** Keys of the {@code aws} and {@code http} maps of an entity, as X-Ray defines them. */
public final class EntityDataKeys {
  private EntityDataKeys() {}

  /** Keys of the {@code aws} map. */
  public static final class AWS {
    public static final String ACCOUNT_ID_SUBSEGMENT_KEY = "account_id";
    public static final String EXTENDED_REQUEST_ID_KEY = "id_2";
    public static final String OPERATION_KEY = "operation";
    public static final String REGION_KEY = "region";
    public static final String REQUEST_ID_KEY = "request_id";
    public static final String RETRIES_KEY = "retries";

    private AWS() {}
  }

  /** Keys of the {@code http} map. */
  public static final class HTTP {
    public static final String CONTENT_LENGTH_KEY = "content_length";
    public static final String RESPONSE_KEY = "response";
    public static final String STATUS_CODE_KEY = "status";

    private HTTP() {}
  }
}

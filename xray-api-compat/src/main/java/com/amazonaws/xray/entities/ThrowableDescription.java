package com.amazonaws.xray.entities;

import javax.annotation.Nullable;

/**
 * One exception of an entity's {@link Cause}: id, type, message, stack, and the id of the exception
 * it was caused by. It becomes an {@code exception} event on the span.
 */
public class ThrowableDescription {
  @Nullable private String id;
  @Nullable private String message;
  @Nullable private String type;
  private boolean remote;
  @Nullable private StackTraceElement[] stack;
  private int truncated;
  private int skipped;
  @Nullable private String cause;
  @Nullable private Throwable throwable;

  /** An empty description. */
  public ThrowableDescription() {}

  /** A description that only refers to {@code throwable}; the strategy fills in the rest. */
  public ThrowableDescription(@Nullable Throwable throwable) {
    this.throwable = throwable;
  }

  @Nullable
  public String getId() {
    return id;
  }

  public void setId(@Nullable String id) {
    this.id = id;
  }

  @Nullable
  public String getMessage() {
    return message;
  }

  public void setMessage(@Nullable String message) {
    this.message = message;
  }

  @Nullable
  public String getType() {
    return type;
  }

  public void setType(@Nullable String type) {
    this.type = type;
  }

  public boolean isRemote() {
    return remote;
  }

  public void setRemote(boolean remote) {
    this.remote = remote;
  }

  @Nullable
  public StackTraceElement[] getStack() {
    return stack;
  }

  public void setStack(@Nullable StackTraceElement[] stack) {
    this.stack = stack;
  }

  public int getTruncated() {
    return truncated;
  }

  public void setTruncated(int truncated) {
    this.truncated = truncated;
  }

  public int getSkipped() {
    return skipped;
  }

  public void setSkipped(int skipped) {
    this.skipped = skipped;
  }

  @Nullable
  public String getCause() {
    return cause;
  }

  public void setCause(@Nullable String cause) {
    this.cause = cause;
  }

  @Nullable
  public Throwable getThrowable() {
    return throwable;
  }

  public void setThrowable(@Nullable Throwable throwable) {
    this.throwable = throwable;
  }
}

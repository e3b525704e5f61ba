package com.amazonaws.xray.exceptions;

/** Thrown by the RUNTIME_ERROR context-missing strategy when no segment is in context. */
public class SegmentNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception without a message. */
  public SegmentNotFoundException() {
    super();
  }

  /** Creates the exception with a message. */
  public SegmentNotFoundException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public SegmentNotFoundException(Throwable cause) {
    super(cause);
  }

  /** Creates the exception with a message and a cause. */
  public SegmentNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}

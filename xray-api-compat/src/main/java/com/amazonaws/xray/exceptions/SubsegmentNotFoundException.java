package com.amazonaws.xray.exceptions;

/** Thrown by the RUNTIME_ERROR context-missing strategy when no subsegment is in context. */
public class SubsegmentNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception without a message. */
  public SubsegmentNotFoundException() {
    super();
  }

  /** Creates the exception with a message. */
  public SubsegmentNotFoundException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public SubsegmentNotFoundException(Throwable cause) {
    super(cause);
  }

  /** Creates the exception with a message and a cause. */
  public SubsegmentNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}

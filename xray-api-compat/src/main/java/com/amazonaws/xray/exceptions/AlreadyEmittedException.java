package com.amazonaws.xray.exceptions;

/** Thrown when an entity that was already sent is changed or sent again. */
public class AlreadyEmittedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception without a message. */
  public AlreadyEmittedException() {
    super();
  }

  /** Creates the exception with a message. */
  public AlreadyEmittedException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public AlreadyEmittedException(Throwable cause) {
    super(cause);
  }

  /** Creates the exception with a message and a cause. */
  public AlreadyEmittedException(String message, Throwable cause) {
    super(message, cause);
  }
}

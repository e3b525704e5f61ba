package com.amazonaws.xray.entities;

/** The namespaces a subsegment can have: {@code remote} for calls to other services, {@code aws} for AWS SDK calls. */
public enum Namespace {
  REMOTE("remote"),
  AWS("aws");

  private final String value;

  Namespace(String value) {
    this.value = value;
  }

  /** Returns the namespace as it appears in segment documents. */
  @Override
  public String toString() {
    return value;
  }
}

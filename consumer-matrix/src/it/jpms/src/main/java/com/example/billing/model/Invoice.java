package com.example.billing.model;

/** An invoice, recorded as X-Ray metadata: serialized by Jackson, to which this package is open. */
public final class Invoice {
  private final String id;
  private final long cents;

  public Invoice(String id, long cents) {
    this.id = id;
    this.cents = cents;
  }

  public String getId() {
    return id;
  }

  public long getCents() {
    return cents;
  }
}

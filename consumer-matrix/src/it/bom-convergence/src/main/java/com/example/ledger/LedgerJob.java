package com.example.ledger;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;

/** Closes the day's ledger in one X-Ray segment. */
public final class LedgerJob {
  private LedgerJob() {}

  public static void main(String[] args) {
    Segment segment = AWSXRay.beginSegment("ledger-job");
    try {
      segment.putAnnotation("day", "2024-05-01");
      segment.putMetadata("ledger", "entries", 42);
      System.out.println("ledger closed");
    } finally {
      AWSXRay.endSegment();
    }
  }
}

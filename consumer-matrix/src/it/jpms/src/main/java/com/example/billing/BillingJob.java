package com.example.billing;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.example.billing.model.Invoice;

/** Issues an invoice inside an X-Ray segment, running as a named module. */
public final class BillingJob {
  private BillingJob() {}

  public static void main(String[] args) {
    String module = BillingJob.class.getModule().getName();
    Segment segment = AWSXRay.beginSegment("billing-job");
    try {
      segment.putAnnotation("module", String.valueOf(module));
      Subsegment issue = AWSXRay.beginSubsegment("issue-invoice");
      try {
        Invoice invoice = new Invoice("inv-9", 4200);
        issue.putAnnotation("invoice", invoice.getId());
        issue.putMetadata("billing", "invoice", invoice);
        System.out.println("issued " + invoice.getId() + " in module " + module);
      } finally {
        AWSXRay.endSubsegment();
      }
    } finally {
      AWSXRay.endSegment();
    }
  }
}

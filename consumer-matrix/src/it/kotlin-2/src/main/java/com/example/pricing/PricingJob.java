package com.example.pricing;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import java.util.List;
import kotlin.KotlinVersion;
import kotlin.collections.CollectionsKt;
import kotlin.text.StringsKt;

/**
 * Prices a basket with helpers from the Kotlin 2 standard library, inside an X-Ray segment. It
 * needs Kotlin 2: it stops with an error on an older standard library.
 */
public final class PricingJob {
  private PricingJob() {}

  public static void main(String[] args) {
    if (!KotlinVersion.CURRENT.isAtLeast(2, 0)) {
      throw new IllegalStateException("Kotlin 2 is needed, not " + KotlinVersion.CURRENT);
    }
    Segment segment = AWSXRay.beginSegment("pricing-job");
    try {
      segment.putAnnotation("kotlin", KotlinVersion.CURRENT.toString());
      Subsegment pricing = AWSXRay.beginSubsegment("price-basket");
      try {
        List<Integer> cents = CollectionsKt.sorted(CollectionsKt.listOf(1250, 399, 2000));
        List<Integer> dearestFirst = CollectionsKt.reversed(cents);
        String label = StringsKt.padStart("total", 10, '.');
        int total = 0;
        for (int price : dearestFirst) {
          total += price;
        }
        pricing.putAnnotation("items", dearestFirst.size());
        pricing.putMetadata("pricing", "basket", new Basket(dearestFirst, total));
        System.out.println(label + " " + total + " cents, dearest first " + dearestFirst);
      } finally {
        AWSXRay.endSubsegment();
      }
    } finally {
      AWSXRay.endSegment();
    }
  }

  /** What the job records as metadata: a plain object, serialized by X-Ray. */
  public static final class Basket {
    private final List<Integer> cents;
    private final int total;

    Basket(List<Integer> cents, int total) {
      this.cents = cents;
      this.total = total;
    }

    public List<Integer> getCents() {
      return cents;
    }

    public int getTotal() {
      return total;
    }
  }
}

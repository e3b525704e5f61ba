// A Spring 5 app whose @XRayEnabled service is traced by an aspect extending X-Ray's BaseAbstractXRayInterceptor.
package example.consumer;

import com.amazonaws.xray.AWSXRay;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

public final class App {
  public static void main(String[] args) {
    try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(AppConfig.class)) {
      PricingService pricing = context.getBean(PricingService.class);
      AWSXRay.beginSegment("pricing-api");
      try {
        System.out.println("price of A-1: " + pricing.quote("A-1") + " cents");
      } finally {
        AWSXRay.endSegment();
      }
    }
  }
}

package example.consumer;

import com.amazonaws.xray.spring.aop.XRayEnabled;

@XRayEnabled
public class PricingService {
  public long quote(String sku) {
    return "A-1".equals(sku) ? 1299L : 0L;
  }
}

package example.consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;

@Configuration
@EnableAspectJAutoProxy
public class AppConfig {
  @Bean
  public PricingService pricingService() {
    return new PricingService();
  }

  @Bean
  public XRayInspector xrayInspector() {
    return new XRayInspector();
  }
}

package dev.tracekit.compat.integration;

import com.amazonaws.xray.spring.aop.BaseAbstractXRayInterceptor;
import com.amazonaws.xray.spring.aop.XRayEnabled;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;

/**
 * A Spring app set up as X-Ray's Spring documentation says: an aspect extending the real X-Ray
 * interceptor that traces {@code @XRayEnabled} beans, and one such bean. The context starts once,
 * on first use.
 *
 * <p>The aspect extends {@link BaseAbstractXRayInterceptor}: {@code AbstractXRayInterceptor} adds
 * a pointcut on Spring Data repositories that AspectJ cannot resolve without Spring Data on the
 * class path, and then no pointcut of the aspect matches (on the real core as well).
 */
final class SpringApp {
  private SpringApp() {}

  static OrderService orders() {
    return Holder.CONTEXT.getBean(OrderService.class);
  }

  private static final class Holder {
    static final AnnotationConfigApplicationContext CONTEXT =
        new AnnotationConfigApplicationContext(Config.class);
  }

  /** The app's configuration: the aspect and the bean. */
  @Configuration
  @EnableAspectJAutoProxy
  static class Config {
    @Bean
    public XRayInspector xrayInspector() {
      return new XRayInspector();
    }

    @Bean
    public OrderService orderService() {
      return new OrderService();
    }
  }

  /** The aspect an app writes: which beans X-Ray traces. */
  @Aspect
  public static class XRayInspector extends BaseAbstractXRayInterceptor {
    @Override
    @Pointcut("@within(com.amazonaws.xray.spring.aop.XRayEnabled)")
    public void xrayEnabledClasses() {}
  }

  /** A traced bean; an order id of {@code "unknown"} fails. */
  @XRayEnabled
  public static class OrderService {
    public String price(String orderId) {
      if (orderId.equals("unknown")) {
        throw new IllegalArgumentException("no order " + orderId);
      }
      return orderId + ": 12.50";
    }
  }
}

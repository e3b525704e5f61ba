package example.consumer;

import com.amazonaws.xray.spring.aop.BaseAbstractXRayInterceptor;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;

/** Traces every method of the beans marked @XRayEnabled, as X-Ray's Spring guide sets it up. */
@Aspect
public class XRayInspector extends BaseAbstractXRayInterceptor {
  @Override
  @Pointcut("@within(com.amazonaws.xray.spring.aop.XRayEnabled) && bean(*)")
  public void xrayEnabledClasses() {}
}

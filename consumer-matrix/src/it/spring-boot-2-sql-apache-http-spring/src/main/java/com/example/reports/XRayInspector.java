package com.example.reports;

import com.amazonaws.xray.spring.aop.BaseAbstractXRayInterceptor;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;
import org.springframework.stereotype.Component;

/**
 * X-Ray's Spring aspect, as its documentation has apps write it: which beans it traces. It extends
 * BaseAbstractXRayInterceptor because the app has no Spring Data repositories to trace.
 */
@Aspect
@Component
public class XRayInspector extends BaseAbstractXRayInterceptor {
  @Override
  @Pointcut("@within(com.amazonaws.xray.spring.aop.XRayEnabled) && bean(*Service)")
  public void xrayEnabledClasses() {}
}

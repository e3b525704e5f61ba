package dev.tracekit.compat.xray.servlet;

import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.xray.servlet.ServletFilterHarness.FilterSetup;
import dev.tracekit.compat.xray.servlet.ServletFilterHarness.Server;

/** The real containers the filter tests run on, one per servlet API. */
enum ServletContainer {
  /** {@code com.amazonaws.xray.javax.servlet.AWSXRayServletFilter} in Jetty 9.4. */
  JAVAX_JETTY(true) {
    @Override
    Server start(FilterSetup setup, AWSXRayRecorder recorder) throws Exception {
      return JavaxJetty.start(setup, recorder);
    }

    @Override
    Server startWith(Object filter) throws Exception {
      return JavaxJetty.start((javax.servlet.Filter) filter);
    }

    @Override
    String filterPackage() {
      return "javax";
    }
  },
  /** {@code com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter} in Tomcat 10.0. */
  JAKARTA_TOMCAT(false) {
    @Override
    Server start(FilterSetup setup, AWSXRayRecorder recorder) throws Exception {
      return JakartaTomcat.start(setup, recorder);
    }

    @Override
    Server startWith(Object filter) throws Exception {
      return JakartaTomcat.start((jakarta.servlet.Filter) filter);
    }

    @Override
    String filterPackage() {
      return "jakarta";
    }
  };

  private final boolean contentLengthVisible;

  ServletContainer(boolean contentLengthVisible) {
    this.contentLengthVisible = contentLengthVisible;
  }

  /**
   * Returns true when {@code response.getHeader("Content-Length")} sees a length set with {@code
   * setContentLength} before the response is committed (Jetty: yes; Tomcat keeps it out of the
   * header map). The filter, like the X-Ray one, reads that header.
   */
  boolean contentLengthVisible() {
    return contentLengthVisible;
  }

  abstract Server start(FilterSetup setup, AWSXRayRecorder recorder) throws Exception;

  /** Starts the container with a filter of its servlet API built elsewhere (the real SDK's). */
  abstract Server startWith(Object filter) throws Exception;

  /** Returns {@code javax} or {@code jakarta}: where the X-Ray filter and strategies of this API live. */
  abstract String filterPackage();
}

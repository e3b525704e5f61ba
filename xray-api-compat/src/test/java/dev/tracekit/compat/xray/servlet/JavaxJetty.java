package dev.tracekit.compat.xray.servlet;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.javax.servlet.AWSXRayServletFilter;
import com.amazonaws.xray.strategy.SegmentNamingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.xray.servlet.ServletFilterHarness.FilterSetup;
import dev.tracekit.compat.xray.servlet.ServletFilterHarness.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Map;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/** The javax filter in Jetty 9.4, on 127.0.0.1 and a free port. */
final class JavaxJetty implements Server {
  private final org.eclipse.jetty.server.Server jetty;

  private JavaxJetty(org.eclipse.jetty.server.Server jetty) {
    this.jetty = jetty;
  }

  static Server start(FilterSetup setup, AWSXRayRecorder recorder) throws Exception {
    FilterHolder filter;
    if (setup.initParameters != null) {
      filter = new FilterHolder(AWSXRayServletFilter.class);
      for (Map.Entry<String, String> parameter : setup.initParameters.entrySet()) {
        filter.setInitParameter(parameter.getKey(), parameter.getValue());
      }
    } else {
      SegmentNamingStrategy naming =
          setup.fallbackName != null
              ? SegmentNamingStrategy.dynamic(setup.fallbackName, setup.recognizedHosts)
              : SegmentNamingStrategy.fixed(setup.fixedName);
      filter = new FilterHolder(new AWSXRayServletFilter(naming, recorder));
    }
    return start(filter);
  }

  /** Starts Jetty with {@code filter} (any javax filter, such as the real X-Ray one). */
  static Server start(Filter filter) throws Exception {
    return start(new FilterHolder(filter));
  }

  private static Server start(FilterHolder filter) throws Exception {
    org.eclipse.jetty.server.Server jetty =
        new org.eclipse.jetty.server.Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder servlet = new ServletHolder(new EndpointServlet());
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      jetty.stop();
      throw e;
    }
    return new JavaxJetty(jetty);
  }

  @Override
  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void stop() throws Exception {
    jetty.stop();
  }

  /** The {@link Endpoints}, in javax. */
  static final class EndpointServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      String path = request.getRequestURI();
      if (request.getDispatcherType() == DispatcherType.ASYNC) {
        AWSXRay.createSubsegment("dispatched", () -> {});
        response.getWriter().write("dispatched");
      } else if (path.startsWith(Endpoints.STATUS)) {
        response.setStatus(Integer.parseInt(path.substring(Endpoints.STATUS.length())));
        response.getWriter().write("status");
      } else if (path.equals(Endpoints.LENGTH)) {
        response.setContentLength(5);
        response.getWriter().write("hello");
      } else if (path.equals(Endpoints.SET_COOKIE)) {
        response.addHeader("Set-Cookie", Endpoints.SESSION_COOKIE);
        response.getWriter().write("ok");
      } else if (path.equals(Endpoints.THROW)) {
        throw new IllegalStateException(Endpoints.BOOM);
      } else if (path.equals(Endpoints.WORK)) {
        AWSXRay.createSubsegment("work", () -> TraceKit.startSpan("tracekit-inner").end());
        response.getWriter().write("ok");
      } else if (path.equals(Endpoints.ASYNC)) {
        AsyncContext async = request.startAsync();
        async.start(
            () -> {
              HttpServletResponse asyncResponse = (HttpServletResponse) async.getResponse();
              asyncResponse.setStatus(Endpoints.ASYNC_STATUS);
              try {
                asyncResponse.getWriter().write("async");
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              async.complete();
            });
      } else if (path.equals(Endpoints.DISPATCH)) {
        AsyncContext async = request.startAsync();
        async.start(async::dispatch);
      } else if (path.equals(Endpoints.TIMEOUT)) {
        request.startAsync().setTimeout(Endpoints.TIMEOUT_MILLIS);
      } else {
        response.getWriter().write("ok");
      }
    }
  }
}

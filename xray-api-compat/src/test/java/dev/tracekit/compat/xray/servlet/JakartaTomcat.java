package dev.tracekit.compat.xray.servlet;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter;
import com.amazonaws.xray.strategy.jakarta.SegmentNamingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.xray.servlet.ServletFilterHarness.FilterSetup;
import dev.tracekit.compat.xray.servlet.ServletFilterHarness.Server;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** The jakarta filter in embedded Tomcat 10.0, on 127.0.0.1 and a free port. */
final class JakartaTomcat implements Server {
  private final Tomcat tomcat;
  private final Connector connector;
  private final File baseDir;

  private JakartaTomcat(Tomcat tomcat, Connector connector, File baseDir) {
    this.tomcat = tomcat;
    this.connector = connector;
    this.baseDir = baseDir;
  }

  static Server start(FilterSetup setup, AWSXRayRecorder recorder) throws Exception {
    FilterDef filter = new FilterDef();
    if (setup.initParameters != null) {
      filter.setFilterClass(AWSXRayServletFilter.class.getName());
      for (Map.Entry<String, String> parameter : setup.initParameters.entrySet()) {
        filter.addInitParameter(parameter.getKey(), parameter.getValue());
      }
    } else {
      SegmentNamingStrategy naming =
          setup.fallbackName != null
              ? SegmentNamingStrategy.dynamic(setup.fallbackName, setup.recognizedHosts)
              : SegmentNamingStrategy.fixed(setup.fixedName);
      filter.setFilter(new AWSXRayServletFilter(naming, recorder));
    }
    return start(filter);
  }

  /** Starts Tomcat with {@code filter} (any jakarta filter, such as the real X-Ray one). */
  static Server start(Filter filter) throws Exception {
    FilterDef definition = new FilterDef();
    definition.setFilter(filter);
    return start(definition);
  }

  private static Server start(FilterDef filter) throws Exception {
    File baseDir = Files.createTempDirectory("tomcat-xray").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.getAbsolutePath());
    Wrapper servlet = Tomcat.addServlet(context, "endpoints", new EndpointServlet());
    servlet.setAsyncSupported(true);
    context.addServletMappingDecoded("/*", "endpoints");

    filter.setFilterName("xray");
    filter.setAsyncSupported("true");
    context.addFilterDef(filter);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("xray");
    mapping.addURLPattern("/*");
    mapping.setDispatcher(DispatcherType.REQUEST.name());
    mapping.setDispatcher(DispatcherType.ASYNC.name());
    context.addFilterMap(mapping);
    tomcat.start();
    if (context.getState() != LifecycleState.STARTED) {
      tomcat.stop();
      tomcat.destroy();
      throw new IllegalStateException("the web application did not start: " + context.getState());
    }
    return new JakartaTomcat(tomcat, connector, baseDir);
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    try (Stream<java.nio.file.Path> files = Files.walk(baseDir.toPath())) {
      files.sorted(Comparator.reverseOrder()).map(java.nio.file.Path::toFile).forEach(File::delete);
    }
  }

  /** The {@link Endpoints}, in jakarta. */
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


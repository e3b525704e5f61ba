package dev.tracekit.compat.xray.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the chain starts async processing, the X-Ray filter registers its async listener with
 * {@code AsyncContext.addListener(listener)}, the one-argument form; containers and test doubles
 * that expect that form see the same calls from the real X-Ray SDK 2.21.0's filter (loaded by
 * {@link ReferenceSdk}) and from the shim's, for javax and for jakarta.
 */
class AsyncListenerRegistrationTest {
  @Test
  void theFilterRegistersItsAsyncListenerWithTheOneArgumentFormLikeTheRealSdk() throws Exception {
    ReferenceSdk real = ReferenceSdk.loadOrNull();
    assertThat(real).as("the build copies the real SDK into target/xray-reference").isNotNull();
    for (String api : new String[] {"javax", "jakarta"}) {
      List<String> realCalls =
          asyncRequestThrough(real.fixedNameFilter(api, "async-app", real.recorder(document -> {})), api);
      List<String> shimCalls = asyncRequestThrough(shimFilter(api), api);

      assertThat(realCalls).as(api + ", real SDK").containsExactly("addListener/1");
      assertThat(shimCalls).as(api + ", shim").isEqualTo(realCalls);
    }
  }

  private static Object shimFilter(String api) {
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
    return api.equals("javax")
        ? new com.amazonaws.xray.javax.servlet.AWSXRayServletFilter(
            com.amazonaws.xray.strategy.SegmentNamingStrategy.fixed("async-app"), recorder)
        : new com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter(
            com.amazonaws.xray.strategy.jakarta.SegmentNamingStrategy.fixed("async-app"), recorder);
  }

  /**
   * Sends one GET through {@code filter} (a servlet filter of {@code api}) whose chain starts async
   * processing; returns the calls the filter made on the AsyncContext.
   */
  private static List<String> asyncRequestThrough(Object filter, String api) throws Exception {
    ClassLoader servlet = AsyncListenerRegistrationTest.class.getClassLoader();
    List<String> calls = new ArrayList<>();
    Object context =
        proxy(servlet, api + ".servlet.AsyncContext", (name, args) -> {
          calls.add(name + "/" + (args == null ? 0 : args.length));
          return null;
        });
    Map<String, Object> attributes = new HashMap<>();
    Object request =
        proxy(servlet, api + ".servlet.http.HttpServletRequest", (name, args) -> {
          switch (name) {
            case "getMethod":
              return "GET";
            case "getRequestURL":
              return new StringBuffer("http://127.0.0.1/async");
            case "getRequestURI":
              return "/async";
            case "getRemoteAddr":
              return "127.0.0.1";
            case "getHeaderNames":
            case "getHeaders":
              return Collections.emptyEnumeration();
            case "getAttribute":
              return attributes.get((String) args[0]);
            case "setAttribute":
              attributes.put((String) args[0], args[1]);
              return null;
            case "removeAttribute":
              attributes.remove((String) args[0]);
              return null;
            case "isAsyncStarted":
              return true;
            case "getAsyncContext":
              return context;
            default:
              return null;
          }
        });
    Object response =
        proxy(servlet, api + ".servlet.http.HttpServletResponse", (name, args) -> name.equals("getStatus") ? 200 : null);
    Object chain = proxy(servlet, api + ".servlet.FilterChain", (name, args) -> null);
    Class<?> servletRequest = Class.forName(api + ".servlet.ServletRequest", false, servlet);
    Class<?> servletResponse = Class.forName(api + ".servlet.ServletResponse", false, servlet);
    Class<?> filterChain = Class.forName(api + ".servlet.FilterChain", false, servlet);
    filter.getClass().getMethod("doFilter", servletRequest, servletResponse, filterChain)
        .invoke(filter, request, response, chain);
    return calls;
  }

  /** A proxy for {@code type} answering each call with {@code answer} (primitives default to 0/false). */
  private static Object proxy(ClassLoader loader, String type, Answer answer) throws ClassNotFoundException {
    Class<?> face = Class.forName(type, false, loader);
    return Proxy.newProxyInstance(
        loader,
        new Class<?>[] {face},
        (proxy, method, args) -> {
          Object value = answer.answer(method.getName(), args);
          return value != null ? value : defaultOf(method);
        });
  }

  private static Object defaultOf(Method method) {
    Class<?> type = method.getReturnType();
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class || type == long.class) {
      return type == int.class ? (Object) 0 : (Object) 0L;
    }
    return null;
  }

  private interface Answer {
    Object answer(String name, Object[] args);
  }
}

package dev.tracekit.compat.core.http;

import dev.tracekit.compat.core.trace.Tracer;
import java.io.IOException;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;

/** SKELETON: turns OkHttp calls into CLIENT spans. To be implemented. */
public final class TracingInterceptor implements Interceptor {
  private final Supplier<Tracer> tracer;

  private TracingInterceptor(Supplier<Tracer> tracer) {
    this.tracer = tracer;
  }

  public static TracingInterceptor create(Supplier<Tracer> tracer) {
    return new TracingInterceptor(tracer);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request());
  }
}

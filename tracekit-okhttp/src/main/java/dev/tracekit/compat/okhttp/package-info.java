/**
 * OkHttp instrumentation for TraceKit: {@link dev.tracekit.compat.okhttp.TracingInterceptor} turns the
 * calls of the app's own OkHttp client into CLIENT spans and propagates the trace to the server.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.okhttp;

import javax.annotation.ParametersAreNonnullByDefault;

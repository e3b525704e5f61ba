/**
 * HTTP client instrumentation: an OkHttp interceptor that turns calls into CLIENT spans and propagates
 * the trace to the server.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core.http;

import javax.annotation.ParametersAreNonnullByDefault;

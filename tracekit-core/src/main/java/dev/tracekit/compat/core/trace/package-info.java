/**
 * The SDK's spans: tracer, recording spans, samplers, span data, the processor interface and the
 * pipeline's counts. Public so that exporters, bridges and the X-Ray layer can use it; application
 * code normally needs only the entry point {@code dev.tracekit.compat.core.TraceKit} and the {@code
 * api} package. Uses the API, never {@code export} or the entry point.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core.trace;

import javax.annotation.ParametersAreNonnullByDefault;

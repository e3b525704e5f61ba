/**
 * The span pipeline behind {@link dev.tracekit.compat.core.TraceKit}: tracer, spans, sampler and the
 * batching processor. Public so that exporters and the X-Ray layer can use it; application code
 * normally needs only the {@code dev.tracekit.compat.core} package.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core.trace;

import javax.annotation.ParametersAreNonnullByDefault;

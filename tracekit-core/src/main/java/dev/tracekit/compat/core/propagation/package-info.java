/**
 * Trace context propagation formats: W3C {@code traceparent} and AWS {@code X-Amzn-Trace-Id}.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core.propagation;

import javax.annotation.ParametersAreNonnullByDefault;

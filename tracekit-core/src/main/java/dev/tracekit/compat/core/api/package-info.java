/**
 * The TraceKit API: the types instrumented code touches ({@link dev.tracekit.compat.core.api.Span},
 * {@link dev.tracekit.compat.core.api.SpanBuilder}, {@link dev.tracekit.compat.core.api.SpanContext},
 * {@link dev.tracekit.compat.core.api.Attributes}, ...). It depends on no other package of
 * tracekit-core but the internal helpers; spans come from the entry point, {@code
 * dev.tracekit.compat.core.TraceKit}, or from a {@code trace.Tracer}.
 *
 * <p>Everything here is non-null unless marked {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core.api;

import javax.annotation.ParametersAreNonnullByDefault;

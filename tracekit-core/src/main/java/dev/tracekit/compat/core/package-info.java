/**
 * The TraceKit API: what application code touches. Start with {@link dev.tracekit.compat.core.TraceKit}.
 *
 * <p>Everything here is non-null unless marked {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core;

import javax.annotation.ParametersAreNonnullByDefault;

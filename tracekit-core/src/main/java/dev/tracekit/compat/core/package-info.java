/**
 * The entry point: {@link dev.tracekit.compat.core.TraceKit} starts the global pipeline from {@link
 * dev.tracekit.compat.core.TraceKitConfig} (code, system properties, {@code TRACEKIT_*} and {@code
 * OTEL_*} variables) and starts spans on it. It sits on top of the other packages: the API ({@code
 * api}), the SDK ({@code trace}, {@code export}) and {@code propagation}; none of them uses it.
 *
 * <p>Everything here is non-null unless marked {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core;

import javax.annotation.ParametersAreNonnullByDefault;

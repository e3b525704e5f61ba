/**
 * Span exporters: OTLP/HTTP JSON to TraceKit, and a console exporter for local runs. Each exporter
 * receives finished spans in batches on the processor's worker thread.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core.export;

import javax.annotation.ParametersAreNonnullByDefault;

/**
 * Span exporters (OTLP/HTTP protobuf or JSON to TraceKit, a console exporter for local runs) and the batch span
 * processor that feeds them from a bounded queue on its worker thread. Uses {@code trace} and the
 * API, never the entry point.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core.export;

import javax.annotation.ParametersAreNonnullByDefault;

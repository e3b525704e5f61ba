/**
 * The trace-shape regression kit: prove that the same code yields the same trace shape on the real
 * X-Ray SDK and on the TraceKit shim. Use it in test scope.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.testing;

import javax.annotation.ParametersAreNonnullByDefault;

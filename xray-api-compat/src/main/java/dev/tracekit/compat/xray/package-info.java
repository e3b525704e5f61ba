/**
 * How the X-Ray API maps onto TraceKit: entities to spans, segment documents, and starting the
 * TraceKit pipeline on first use. Not API: the public API of this module is {@code
 * com.amazonaws.xray}.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.xray;

import javax.annotation.ParametersAreNonnullByDefault;

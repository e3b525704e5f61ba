/**
 * Internal helpers. Not API: anything here may change in any release.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.core.internal;

import javax.annotation.ParametersAreNonnullByDefault;

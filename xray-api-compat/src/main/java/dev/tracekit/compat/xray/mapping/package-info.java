/**
 * The X-Ray → span mapping ({@code docs/mapping.md}), in one place for every source of X-Ray data:
 * the shim's live entities and the documents the daemon bridge receives from X-Ray SDKs in other
 * languages both feed it through the read-only {@link dev.tracekit.compat.xray.mapping.XRayEntityView}.
 * It imports no {@code com.amazonaws} type. Not API: public so that the bridge can use it; anything
 * here may change in any release.
 */
@ParametersAreNonnullByDefault
package dev.tracekit.compat.xray.mapping;

import javax.annotation.ParametersAreNonnullByDefault;

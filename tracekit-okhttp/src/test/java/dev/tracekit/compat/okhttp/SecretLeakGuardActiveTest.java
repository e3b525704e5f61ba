package dev.tracekit.compat.okhttp;

import dev.tracekit.compat.core.secrets.SecretLeakGuardContract;

/** This module's tests run under the secret leak guard (see {@link SecretLeakGuardContract}). */
class SecretLeakGuardActiveTest extends SecretLeakGuardContract {}

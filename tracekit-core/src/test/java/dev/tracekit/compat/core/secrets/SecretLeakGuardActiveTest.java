package dev.tracekit.compat.core.secrets;

/** This module's tests run under the secret leak guard (see {@link SecretLeakGuardContract}). */
class SecretLeakGuardActiveTest extends SecretLeakGuardContract {}

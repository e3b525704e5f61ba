package dev.tracekit.compat.testing;

import dev.tracekit.compat.core.JacksonLinkageContract;

/** This module's classes link against every Jackson 2 it supports (see {@link JacksonLinkageContract}). */
class JacksonLinkageTest extends JacksonLinkageContract {}

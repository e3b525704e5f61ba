package dev.tracekit.compat.core;

/** This module's classes link against every Jackson 2 it supports (see {@link JacksonLinkageContract}). */
class JacksonLinkageTest extends JacksonLinkageContract {}

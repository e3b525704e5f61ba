package com.amazonaws.xray.strategy;

/** The default context-missing strategy: {@link LogErrorContextMissingStrategy}. */
public class DefaultContextMissingStrategy extends LogErrorContextMissingStrategy {}

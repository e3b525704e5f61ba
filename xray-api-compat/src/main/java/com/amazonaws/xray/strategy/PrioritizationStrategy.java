package com.amazonaws.xray.strategy;

/** A marker kept for compatibility: the X-Ray SDK defines no methods on it. */
public interface PrioritizationStrategy {}

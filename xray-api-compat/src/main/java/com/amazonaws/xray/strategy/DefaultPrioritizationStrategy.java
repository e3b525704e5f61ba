package com.amazonaws.xray.strategy;

/** The default (and only) prioritization strategy; it does nothing. */
public class DefaultPrioritizationStrategy implements PrioritizationStrategy {}

package dev.globaltable.operator.api;

/** Billing modes the operator implements. */
public enum BillingMode { PayPerRequest }

package dev.globaltable.operator.api;

/**
 * Billing modes of a global table: on-demand ({@code PayPerRequest}, the default) or provisioned capacity
 * ({@code Provisioned}, with read and write capacity for the table and every global secondary index).
 */
public enum BillingMode { PayPerRequest, Provisioned }

package dev.globaltable.operator.api;

/**
 * Table classes of a DynamoDB table: {@code Standard} (AWS wire name STANDARD, AWS's default) and
 * {@code StandardInfrequentAccess} (STANDARD_INFREQUENT_ACCESS). Synchronized across replicas but overridable per
 * replica (reference 3).
 */
public enum TableClass { Standard, StandardInfrequentAccess }

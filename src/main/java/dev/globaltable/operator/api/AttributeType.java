package dev.globaltable.operator.api;

/** Scalar attribute types allowed in keys. */
public enum AttributeType { S, N, B }

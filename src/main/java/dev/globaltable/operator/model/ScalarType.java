package dev.globaltable.operator.model;

/** DynamoDB scalar attribute type (AWS wire names). */
public enum ScalarType { S, N, B }

package dev.globaltable.operator.model;

/** What deleting the resource does in AWS. */
public enum DeletionPolicy { RETAIN, DELETE }

package dev.globaltable.operator.api;

/** What deleting the resource does in AWS. */
public enum DeletionPolicy { Retain, Delete }

package dev.globaltable.operator.api;

/** Which attributes an index projects. */
public enum ProjectionType { All, KeysOnly, Include }
